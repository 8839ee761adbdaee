import AsyncHTTPClient
import Chorus
import ChorusTestSupport
import FakeLLMServer
import NIOCore
import NIOHTTP1
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import ChorusProviders

/// Failures before any HTTP answer: each becomes one line saying what to do, and the ones
/// that mean "nothing there" say so through `isUnreachable` (the CLI's exit code).
@Suite(.timeLimit(.minutes(1))) struct ConnectionErrorTests {

    private func failure(baseURL: String, kind: ProviderKind = .openai) async throws -> ProviderError? {
        let http = ProviderHTTPClient(maxConnectionsPerHost: 2, connectTimeout: .seconds(5))
        let model = try makeModel(
            ProviderSettings(kind: kind, baseURL: baseURL, apiKey: Harness.secretKey, retry: .never), http: http
        )
        let result = await collect(model.stream(chatRequest(model: "m")))
        try await http.shutdown()
        return result.providerError
    }

    @Test func connectionRefusedSaysNothingListens() async throws {
        let refusing = try RefusingPort()
        defer { withExtendedLifetime(refusing) {} }
        let port = refusing.port
        let error = try #require(try await failure(baseURL: "http://127.0.0.1:\(port)/v1"))
        #expect(error.kind == .connectionRefused)
        #expect(error.isUnreachable)
        #expect(
            error.description
                == "openai at http://127.0.0.1:\(port)/v1/chat/completions: connection refused; fix: nothing listens at 127.0.0.1:\(port); start the server or correct the base URL"
        )
        let anthropic = try #require(try await failure(baseURL: "http://127.0.0.1:\(port)", kind: .anthropic))
        #expect(anthropic.kind == .connectionRefused)
        expectOneClearLine(anthropic, provider: .anthropic)
    }

    @Test func unknownHostIsADNSFailure() async throws {
        let error = try #require(try await failure(baseURL: "http://no-such-host.invalid/v1"))
        #expect(error.kind == .dnsFailure)
        #expect(error.isUnreachable)
        #expect(error.description.contains("cannot resolve the host 'no-such-host.invalid'"))
        expectOneClearLine(error, provider: .openai)
    }

    @Test func httpsToAPlainHTTPServerIsATLSFailure() async throws {
        try await withHarness { h in
            let error = try #require(try await failure(baseURL: "https://127.0.0.1:\(h.server.port)/v1"))
            #expect(error.kind == .tlsFailure)
            #expect(error.isUnreachable)
            #expect(error.fix.contains("http:// versus https://"))
            #expect(error.description.hasPrefix("openai at https://127.0.0.1:"))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func unusableBaseURLsAreRejectedBeforeAnyCall() throws {
        let http = ProviderHTTPClient(maxConnectionsPerHost: 1)
        defer { Task { try? await http.shutdown() } }
        for url in ["ftp://example.com/v1", "not a url", "", "http:///v1"] {
            #expect(throws: ProviderError.self, "\(url)") {
                _ = try makeModel(ProviderSettings(kind: .openai, baseURL: url), http: http)
            }
        }
        do {
            _ = try makeModel(ProviderSettings(kind: .openai, baseURL: "ftp://example.com/v1"), http: http)
        } catch {
            #expect(error.kind == .invalidConfiguration)
            #expect(error.description.contains("scheme 'ftp'"))
            #expect(!error.description.contains("\n"))
        }
    }
}

/// Base URL rules, settings that never show the key, and error text hygiene.
@Suite struct SettingsAndEndpointTests {
    @Test(arguments: [
        ("http://127.0.0.1:8080/v1", "http://127.0.0.1:8080/v1/chat/completions"),
        ("http://127.0.0.1:8080/v1/", "http://127.0.0.1:8080/v1/chat/completions"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/v1/chat/completions"),
        ("https://openrouter.ai/api/v1", "https://openrouter.ai/api/v1/chat/completions"),
        ("https://generativelanguage.googleapis.com/v1beta/openai/", "https://generativelanguage.googleapis.com/v1beta/openai/chat/completions"),
        ("  https://api.openai.com/v1  ", "https://api.openai.com/v1/chat/completions"),
    ])
    func openAIBaseURLs(_ base: String, _ expected: String) throws {
        let endpoint = try ProviderEndpoint.resolve(kind: .openai, baseURL: base)
        #expect(endpoint.requestURL(endpoint.chatPath) == expected)
    }

    @Test func anthropicBaseURLsAndQueriesAndCredentials() throws {
        let plain = try ProviderEndpoint.resolve(kind: .anthropic, baseURL: "https://api.anthropic.com")
        #expect(plain.requestURL(plain.chatPath) == "https://api.anthropic.com/v1/messages")
        let azure = try ProviderEndpoint.resolve(
            kind: .openai, baseURL: "https://user:pw@x.openai.azure.com/openai/deployments/d?api-version=2024-06-01"
        )
        #expect(azure.requestURL("/chat/completions").hasSuffix("/openai/deployments/d/chat/completions?api-version=2024-06-01"))
        #expect(azure.displayURL("/chat/completions") == "https://x.openai.azure.com/openai/deployments/d/chat/completions")
        #expect(azure.port == 443)
    }

    @Test func settingsNeverShowTheKey() {
        let settings = ProviderSettings(
            kind: .openai, apiKey: Harness.secretKey, extraHeaders: ["Authorization": "Bearer other-secret-token"]
        )
        #expect(!String(describing: settings).contains(Harness.secretKey))
        #expect(!String(reflecting: settings).contains(Harness.secretKey))
        var dumped = ""
        dump(settings, to: &dumped)
        #expect(!dumped.contains(Harness.secretKey))
        #expect(!dumped.contains("other-secret-token"))
        #expect(settings.secrets.contains("other-secret-token"))
    }

    /// The CLI reads the environment (`ProviderCatalog`); these settings are what it builds.
    @Test func settingsKeepKeyAndBaseURLDropAnEmptyKeyAndDefaultTheBase() {
        let settings = ProviderSettings(kind: .openai, baseURL: "http://127.0.0.1:9/v1", apiKey: "k")
        #expect(settings.apiKey == "k")
        #expect(settings.baseURL == "http://127.0.0.1:9/v1")
        let flag = ProviderSettings(kind: .anthropic, baseURL: "http://h", apiKey: "")
        #expect(flag.apiKey == nil)
        #expect(flag.baseURL == "http://h")
        #expect(ProviderSettings(kind: .anthropic).baseURL == "https://api.anthropic.com")
    }

    @Test func cleaningKeepsOneShortLine() {
        let long = String(repeating: "x", count: 1000)
        let cleaned = ProviderError.clean("a\u{7}\u{1B}[2J\u{9B}b \(long) secret-value", secrets: ["secret-value"])
        #expect(cleaned.hasPrefix("a [2J b xxx"))
        #expect(cleaned.count == ProviderError.detailLimit)
        #expect(cleaned.hasSuffix("…"))
        #expect(ProviderError.clean("key=secret-value!", secrets: ["secret-value"]) == "key=[redacted]!")
    }
}

/// How errors thrown by AsyncHTTPClient and SwiftNIO map to kinds, for the cases a loopback
/// test cannot produce on demand (a queue behind the connection limit needs real-time
/// timeouts; a connect timeout needs an unroutable network).
@Suite struct TransportErrorMappingTests {
    private let context = ErrorContext(
        settings: ProviderSettings(kind: .openai, baseURL: "http://127.0.0.1:8080/v1", apiKey: Harness.secretKey),
        endpoint: try! ProviderEndpoint.resolve(kind: .openai, baseURL: "http://127.0.0.1:8080/v1"),
        path: "/chat/completions", model: "m"
    )

    private func map(_ error: any Error, _ phase: ErrorContext.Phase = .beforeResponse) -> ProviderError? {
        context.transportError(error, phase: phase, connectTimeout: .seconds(10), connectionLimit: 4)
    }

    @Test func queueBehindTheConnectionLimitNamesTheLimit() throws {
        let error = try #require(map(HTTPClientError.getConnectionFromPoolTimeout))
        #expect(error.kind == .connectionLimit)
        #expect(!error.isUnreachable)
        #expect(error.description.contains("no free connection within 10 s (at most 4 per host)"))
        #expect(error.fix.contains("maxConnectionsPerHost"))
    }

    @Test func kindsByError() {
        #expect(map(HTTPClientError.connectTimeout)?.kind == .connectTimeout)
        #expect(map(HTTPClientError.connectTimeout)?.isUnreachable == true)
        #expect(map(ChannelError.connectTimeout(.seconds(10)))?.kind == .connectTimeout)
        #expect(map(IOError(errnoCode: ECONNREFUSED, reason: "connect"))?.kind == .connectionRefused)
        #expect(map(IOError(errnoCode: ECONNRESET, reason: "read"), .duringBody)?.kind == .connectionLost)
        #expect(map(HTTPClientError.remoteConnectionClosed, .duringBody)?.status == 200)
        #expect(map(HTTPClientError.remoteConnectionClosed)?.summary == "the server closed the connection before answering")
        #expect(map(HTTPParserError.invalidEOFState, .duringBody)?.kind == .connectionLost)
        #expect(map(HTTPParserError.invalidChunkSize)?.kind == .malformedResponse)
        #expect(map(HTTPClientError.deadlineExceeded)?.kind == .responseTimeout)
        do {
            _ = try SocketAddress.makeAddressResolvingHost("no-such-host.invalid", port: 80)
            Issue.record("the host resolved")
        } catch {
            #expect(map(error)?.kind == .dnsFailure, "\(error)")
        }
    }

    @Test func cancellationIsNotAFailure() {
        #expect(map(CancellationError()) == nil)
        #expect(map(HTTPClientError.cancelled) == nil)
    }

    @Test func aClientErrorThatQuotesTheKeyIsCleaned() throws {
        let error = try #require(map(HTTPClientError.invalidHeaderFieldValues(["Bearer \(Harness.secretKey)\n"])))
        #expect(!error.description.contains(Harness.secretKey))
        #expect(!error.description.contains("\n"))
    }
}
