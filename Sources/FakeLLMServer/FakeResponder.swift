import Foundation
import NIOCore
import NIOHTTP1

/// Serves the connections of a `FakeLLMServer`: reads requests, picks each one's behaviour,
/// writes the response, and notes in the journal how it went.
struct FakeResponder: Sendable {
    let script: FakeScript
    let journal: FakeJournal
    let log: (@Sendable (String) -> Void)?

    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>
    typealias Writer = NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>

    /// What happens on one connection, funnelled into one sequence so a single loop decides.
    private enum ConnectionEvent: Sendable {
        case part(HTTPServerRequestPart)
        /// The client closed its side (or the connection broke).
        case closed
        /// A response was written; `keepOpen` false closes the connection.
        case responded(index: Int?, keepOpen: Bool)
    }

    /// One connection: requests one after the other (HTTP/1.1 keep-alive). Reading goes on
    /// while a response is written, so a client that hangs up mid-stream is noticed at once
    /// (the response task is cancelled and the request recorded as `clientClosed`).
    func serve(_ connection: Connection) async {
        try? await connection.executeThenClose { inbound, outbound in
            let (events, sink) = AsyncStream.makeStream(of: ConnectionEvent.self)
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        for try await part in inbound { sink.yield(.part(part)) }
                    } catch {}
                    sink.yield(.closed)
                }
                var head: HTTPRequestHead?
                var body = ByteBuffer()
                var active: Int?
                eventLoop: for await event in events {
                    switch event {
                    case .part(.head(let requestHead)):
                        head = requestHead
                        body.clear()
                    case .part(.body(var chunk)):
                        body.writeBuffer(&chunk)
                    case .part(.end):
                        guard let requestHead = head else { continue }
                        let request = String(buffer: body)
                        head = nil
                        let recorded = record(requestHead, body: request)
                        let index = recorded?.index
                        active = index
                        group.addTask {
                            let keepOpen = await respond(
                                to: requestHead, body: request, recorded: recorded, outbound: outbound
                            )
                            sink.yield(.responded(index: index, keepOpen: keepOpen))
                        }
                    case .closed:
                        if let active { journal.finish(active, .clientClosed) }
                        break eventLoop
                    case .responded(let index, let keepOpen):
                        if let index { journal.finish(index, keepOpen ? .completed : .serverClosed) }
                        active = nil
                        if !keepOpen { break eventLoop }
                    }
                }
                if let active { journal.finish(active, .serverClosed) }
                group.cancelAll()
            }
        }
    }

    /// Journals a chat request and puts it to the rate limit (returns its index and the
    /// limit's decision), or returns nil for other paths.
    private func record(_ head: HTTPRequestHead, body: String) -> (index: Int, decision: FakeRateLimiter.Decision)? {
        let path = Self.path(of: head.uri)
        guard head.method == .POST, FakeWire(path: path) != nil else { return nil }
        var headers: [String: String] = [:]
        for (name, value) in head.headers {
            let key = name.lowercased()
            headers[key] = headers[key].map { $0 + ", " + value } ?? value
        }
        let request = RecordedRequest(
            index: 0, method: "\(head.method)", path: path, headers: headers, body: body, openedAtMs: journal.nowMs
        )
        return journal.open(request)
    }

    static func path(of uri: String) -> String {
        String(uri.prefix { $0 != "?" })
    }

    /// Writes the whole response; returns whether the connection may stay open.
    private func respond(
        to head: HTTPRequestHead, body: String, recorded: (index: Int, decision: FakeRateLimiter.Decision)?,
        outbound: Writer
    ) async -> Bool {
        let path = Self.path(of: head.uri)
        do {
            guard let recorded, let wire = FakeWire(path: path) else {
                return try await respondOther(head, path: path, outbound: outbound)
            }
            let (index, decision) = recorded
            let request = journal.requests[index]
            let writer = FakeStreamWriter(outbound: outbound, journal: journal, index: index, wire: wire, request: request)
            if case .reject(let wait, let cause) = decision {
                let (ms, seconds) = FakeRateLimiter.headerValues(for: wait)
                log?("\(head.method) \(path) model=\(request.model ?? "-") -> 429 (\(cause.rawValue), retry in \(ms) ms)")
                try await writer.sendError(
                    status: 429, message: rejectionMessage(cause, retryAfterMs: ms), type: nil,
                    response: FakeResponse(status: 429, retryAfter: "\(seconds)", retryAfterMs: ms)
                )
                return head.isKeepAlive
            }
            let (response, problem) = choose(for: request)
            log?("\(head.method) \(path) model=\(request.model ?? "-") -> \(problem == nil ? response.status : 400)")
            if let problem {
                try await writer.sendError(status: 400, message: problem, type: "invalid_request_error", response: FakeResponse())
                return head.isKeepAlive
            }
            return try await writer.send(response) && head.isKeepAlive
        } catch {
            return false  // the client went away or the task was cancelled
        }
    }

    private func rejectionMessage(_ cause: FakeRateLimiter.Cause, retryAfterMs: Int) -> String {
        switch cause {
        case .rateLimit:
            let limit = script.rateLimit.map { "\($0.requestsPerMinute) requests per minute (burst \($0.burst))" } ?? "requests"
            return "fake-llm-server: rate limit of \(limit) exceeded; retry in \(retryAfterMs) ms"
        case .storm:
            return "fake-llm-server: rate limited (scripted storm); retry in \(retryAfterMs) ms"
        }
    }

    /// The behaviour for a chat request: a script rule, the closure, the request's own
    /// directives, or the default; or a problem (bad body, unknown directive) to answer
    /// with HTTP 400.
    private func choose(for request: RecordedRequest) -> (FakeResponse, problem: String?) {
        if request.model == nil && request.userText.isEmpty {
            return (FakeResponse(), "fake-llm-server: the request body is not a chat request in JSON")
        }
        let model = request.model ?? ""
        let parsed = FakeDirectives.parse(model: model, texts: request.texts)
        if let refusal = FakeRefusal.response(for: request, refusals: script.refuse + parsed.refusals) {
            return (refusal, nil)
        }
        if let handler = script.handler, let response = handler(request, journal.nextCall("handler:" + model)) {
            return (response, nil)
        }
        for (position, rule) in script.rules.enumerated() where rule.matches(request) {
            let call = journal.nextCall("rule:\(position)")
            return (rule.responses[min(call, rule.responses.count - 1)], nil)
        }
        if !parsed.unknown.isEmpty {
            let names = parsed.unknown.joined(separator: ", ")
            return (FakeResponse(), "fake-llm-server: unknown directive(s) in [[fake:...]]: \(names)")
        }
        var response = parsed.matchedAny ? parsed.response : (script.defaultResponse ?? parsed.response)
        if let failFirst = parsed.failFirst {
            let call = journal.nextCall("directives:" + parsed.key)
            if call < failFirst {
                if response.status == 200 { response.status = 500 }
                response.errorMessage = response.errorMessage ?? "scripted failure \(call + 1) of \(failFirst)"
            } else {
                response.status = 200
            }
        }
        return (response, nil)
    }

    /// `/v1/models`, `/_fake/requests`, `/_fake/reset`, and 404 for the rest.
    private func respondOther(_ head: HTTPRequestHead, path: String, outbound: Writer) async throws -> Bool {
        let status: HTTPResponseStatus
        let body: String
        switch (head.method, path) {
        case (.GET, "/v1/models"), (.GET, "/models"):
            if script.modelsDelayMs > 0 { try await Task.sleep(for: .milliseconds(script.modelsDelayMs)) }
            status = .ok
            body = #"{"object":"list","data":[{"id":"fake-model","object":"model","created":0,"owned_by":"fake-llm-server"}]}"#
        case (.GET, "/_fake/requests"):
            status = .ok
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            body = String(decoding: try encoder.encode(journal.snapshot), as: UTF8.self)
        case (.POST, "/_fake/reset"):
            journal.reset()
            status = .ok
            body = #"{"reset":true}"#
        case (.GET, "/health"):
            status = .ok
            body = #"{"status":"ok"}"#
        default:
            status = .notFound
            body = #"{"error":{"message":"fake-llm-server: no route for \#(head.method) \#(path)","type":"not_found"}}"#
        }
        log?("\(head.method) \(path) -> \(status.code)")
        var headers = HTTPHeaders([("content-type", "application/json"), ("content-length", "\(body.utf8.count)")])
        if !head.isKeepAlive { headers.add(name: "connection", value: "close") }
        try await outbound.write(.head(HTTPResponseHead(version: head.version, status: status, headers: headers)))
        try await outbound.write(.body(.byteBuffer(ByteBuffer(string: body))))
        try await outbound.write(.end(nil))
        return head.isKeepAlive
    }
}
