import AsyncHTTPClient
import Foundation
import NIOCore

/// Asks whether an OpenAI-compatible server answers at a base URL, for the CLI's provider
/// discovery ("is a local server running on :8080?") and its `doctor`-style checks.
public enum ServerProbe {
    public enum Result: Sendable, Hashable {
        /// `GET /models` succeeded; the model ids it listed (may be empty).
        case available(models: [String])
        /// An HTTP server answered, but not with a model list (e.g. 401 without a key, or 404
        /// from something that is not an OpenAI-compatible API). The error says which.
        case answered(ProviderError)
        /// Nothing answered within the timeout: refused, unknown host, TLS failure, timeout.
        case unreachable(ProviderError)
    }

    /// `GET {base}/models` (base as in `ProviderSettings.baseURL`, so `http://127.0.0.1:8080`
    /// probes `/v1/models`), never retried, bounded by `timeout` from start to finish.
    public static func openAICompatible(
        baseURL: String, apiKey: String? = nil, http: ProviderHTTPClient, timeout: Duration = .seconds(2)
    ) async -> Result {
        let settings = ProviderSettings(kind: .openai, baseURL: baseURL, apiKey: apiKey, retry: .never)
        let endpoint: ProviderEndpoint
        do {
            endpoint = try ProviderEndpoint.resolve(kind: OpenAIWire.kind, baseURL: baseURL)
        } catch {
            return .unreachable(error)
        }
        let context = ErrorContext(settings: settings, endpoint: endpoint, path: "/models", model: "")
        var request = HTTPClientRequest(url: endpoint.requestURL("/models"))
        request.method = .GET
        request.headers.add(name: "accept", value: "application/json")
        for (name, value) in OpenAIWire(settings: settings).headers {
            request.headers.add(name: name, value: value)
        }

        let deadline = NIODeadline.now() + TimeAmount(timeout)
        do {
            let response = try await http.client.execute(request, deadline: deadline)
            let body = try await response.body.collect(upTo: 4 * 1024 * 1024)
            let status = Int(response.status.code)
            guard (200..<300).contains(status) else {
                let message = ServerErrorMessage.extract(from: Array(body.readableBytesView))?.message
                return .answered(context.httpError(status: status, serverMessage: message))
            }
            return .available(models: modelIDs(in: Data(body.readableBytesView)))
        } catch {
            let failure =
                context.transportError(
                    error, phase: .beforeResponse, connectTimeout: timeout, connectionLimit: http.maxConnectionsPerHost
                )
                ?? context.error(.connectTimeout, summary: "the probe was cancelled", fix: "try again")
            if failure.kind == .responseTimeout {
                return .unreachable(
                    context.error(
                        .connectTimeout, summary: "no answer within \(timeout.secondsText)",
                        fix: "start the server or correct the base URL"
                    )
                )
            }
            return failure.isUnreachable ? .unreachable(failure) : .answered(failure)
        }
    }

    /// The `id`s of `{"data": [{"id": ...}]}` (OpenAI) or `{"models": [{"name"|"model": ...}]}`.
    static func modelIDs(in body: Data) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return [] }
        let entries = (object["data"] as? [[String: Any]]) ?? (object["models"] as? [[String: Any]]) ?? []
        return entries.compactMap { ($0["id"] ?? $0["name"] ?? $0["model"]) as? String }
    }
}
