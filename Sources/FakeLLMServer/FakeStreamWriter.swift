import NIOCore
import NIOHTTP1

/// Writes one chat response as a `FakeResponse` describes it, in one wire format.
struct FakeStreamWriter: Sendable {
    let outbound: FakeResponder.Writer
    let journal: FakeJournal
    let index: Int
    let wire: FakeWire
    let request: RecordedRequest

    private var id: String { wire == .openai ? "chatcmpl-fake-\(index)" : "msg_fake_\(index)" }
    private var model: String { request.model ?? "fake-model" }

    /// Longest wait for `gather`.
    static let gatherLimit: Duration = .seconds(10)

    /// Sends the response; returns false when the connection must close afterwards.
    func send(_ response: FakeResponse) async throws -> Bool {
        if response.delayMs > 0 { try await Task.sleep(for: .milliseconds(response.delayMs)) }
        if let count = response.gather { await gather(count) }
        if let pieces = response.rawPieces {
            // An empty `contentType` sends no Content-Type header at all.
            var fields: [String: String] = [:]
            let type = response.contentType ?? "text/event-stream"
            if !type.isEmpty { fields["content-type"] = type }
            var bodies = pieces.map { Array($0.utf8) }
            if let coding = response.contentEncoding {
                fields["content-encoding"] = coding
                bodies = FakeCompression.compress(bodies, coding: coding) ?? bodies
            }
            try await head(HTTPResponseStatus(statusCode: response.status), fields, response: response)
            for (i, piece) in bodies.enumerated() {
                if i > 0 { try await Task.sleep(for: .milliseconds(max(2, response.intervalMs))) }
                try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: piece))))
            }
            try await finish(with: "")
            return true
        }
        if let raw = response.rawBody {
            try await sendWhole(status: response.status, contentType: response.contentType ?? "text/html", body: raw, response: response)
            return true
        }
        guard (200..<300).contains(response.status) else {
            try await sendError(status: response.status, message: nil, type: nil, response: response)
            return true
        }
        let tokens = Self.tokens(for: response, request: request)
        let promptTokens = request.texts.joined(separator: " ").split(separator: " ").count
        func usage(_ sent: Int) -> FakeWire.Usage? {
            response.usage ? FakeWire.Usage(prompt: promptTokens, completion: sent) : nil
        }
        if response.json || request.stream == false {
            let body = wire.wholeAnswer(id: id, model: model, text: tokens.joined(), usage: usage(tokens.count))
            try await sendWhole(status: 200, contentType: "application/json", body: body, response: response)
            return true
        }

        try await head(.ok, ["content-type": "text/event-stream", "cache-control": "no-cache"], response: response)
        try await write(wire.preamble(id: id, model: model, usage: usage(0)), split: response.splitUTF8)
        let complete = response.ending == .done || response.ending == .finishOnly
        let count = complete ? tokens.count : min(response.endAfter ?? tokens.count, tokens.count)
        for position in 0..<count {
            if position > 0 && response.intervalMs > 0 { try await Task.sleep(for: .milliseconds(response.intervalMs)) }
            try await write(wire.token(tokens[position], id: id, model: model), split: response.splitUTF8)
            journal.tokenSent(index)
        }
        let last: String
        switch response.ending {
        case .done, .finishOnly:
            last = wire.finish(id: id, model: model, usage: usage(count), marker: response.ending == .done)
        case .close:
            last = ""
        case .drop:
            return false
        case .stall:
            try await Task.sleep(for: .seconds(86_400))
            last = ""
        case .errorEvent:
            let message = response.errorMessage ?? "scripted error after \(count) tokens"
            last = wire.errorEvent(message: message, type: response.errorType)
        case .malformed:
            last = wire.malformedEvent
        }
        try await finish(with: last)
        return true
    }

    /// Writes the last events and the end of the body in one batch, then records the request
    /// as completed: a client that hangs up as soon as it read `[DONE]` must not look like
    /// one that cancelled.
    private func finish(with last: String) async throws {
        var parts: [HTTPServerResponsePart] = []
        if !last.isEmpty { parts.append(.body(.byteBuffer(ByteBuffer(string: last)))) }
        parts.append(.end(nil))
        try await outbound.write(contentsOf: parts)
        journal.finish(index, .completed)
    }

    /// An HTTP error in the endpoint's dialect. Without a message, a 401 echoes the key it
    /// received, as a careless server might: clients must keep it out of their messages.
    func sendError(status: Int, message: String?, type: String?, response: FakeResponse) async throws {
        let defaultMessage: String
        switch status {
        case 401:
            let key = request.headers["x-api-key"] ?? request.headers["authorization"].map { String($0.dropFirst("Bearer ".count)) }
            defaultMessage = "Incorrect API key provided: \(key ?? "(none)")"
        case 404:
            defaultMessage = "The model '\(model)' does not exist"
        default:
            defaultMessage = "scripted failure: HTTP \(status)"
        }
        let body = wire.errorBody(
            status: status, message: message ?? response.errorMessage ?? defaultMessage, type: type ?? response.errorType
        )
        try await sendWhole(status: status, contentType: "application/json", body: body, response: response)
    }

    private func sendWhole(status: Int, contentType: String, body: String, response: FakeResponse) async throws {
        try await head(
            HTTPResponseStatus(statusCode: status),
            ["content-type": contentType, "content-length": "\(body.utf8.count)"], response: response
        )
        try await finish(with: body)
    }

    private func head(_ status: HTTPResponseStatus, _ fields: [String: String], response: FakeResponse) async throws {
        var headers = HTTPHeaders()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) { headers.add(name: name, value: value) }
        if let retryAfter = response.retryAfter { headers.add(name: "retry-after", value: retryAfter) }
        if let ms = response.retryAfterMs { headers.add(name: "retry-after-ms", value: "\(ms)") }
        if let should = response.shouldRetry { headers.add(name: "x-should-retry", value: should ? "true" : "false") }
        for (name, value) in response.headers.sorted(by: { $0.key < $1.key }) { headers.replaceOrAdd(name: name, value: value) }
        try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)))
        journal.headSent(index, status: Int(status.code))
    }

    /// Writes `text`; with `split`, in two writes cut inside a multi-byte character, with a
    /// pause between so they leave in separate TCP segments.
    private func write(_ text: String, split: Bool) async throws {
        let bytes = Array(text.utf8)
        guard split, bytes.count > 1 else {
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: bytes))))
            return
        }
        let middle = bytes.count / 2
        let cut = bytes[middle...].firstIndex { $0 & 0xC0 == 0x80 } ?? bytes[..<middle].lastIndex { $0 & 0xC0 == 0x80 } ?? middle
        try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: bytes[..<cut]))))
        try await Task.sleep(for: .milliseconds(2))
        try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: bytes[cut...]))))
    }

    /// Waits until `count` chat requests are open at once, or `gatherLimit` passed.
    private func gather(_ count: Int) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await journal.waitUntil { $0.openNow >= count } }
            group.addTask { try? await Task.sleep(for: Self.gatherLimit) }
            await group.next()
            group.cancelAll()
        }
    }

    /// The answer, one string per token (each word with its leading space).
    static func tokens(for response: FakeResponse, request: RecordedRequest) -> [String] {
        let text: String
        if let given = response.text {
            text = given
        } else if let count = response.tokens {
            let words = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit"]
            return (0..<count).map { ($0 == 0 ? "" : " ") + words[$0 % words.count] }
        } else if response.splitUTF8 {
            text = "Grüße aus Zürich: 你好世界, naïve café, 🎉🚀 and ✓ done."
        } else {
            let question = request.userText.prefix(60)
            let temperature = request.temperature.map { " at temperature \($0)" } ?? ""
            text = "Fake answer from \(request.model ?? "fake-model")\(temperature) to: \(question)"
        }
        var tokens: [String] = []
        var current = ""
        for character in text {
            if character == " " && !current.isEmpty && current != " " {
                tokens.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }
}
