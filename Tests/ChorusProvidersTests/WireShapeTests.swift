import Chorus
import ChorusTestSupport
import FakeLLMServer
import Foundation
import Testing

@testable import ChorusProviders

/// Bodies whose label does not match their bytes, split escapes, compressed bodies: shapes real
/// servers send (each from a public bug report in another client), against the fake server,
/// on both wires. The body's own first bytes decide how it is read (`BodyShape`).
@Suite(.timeLimit(.minutes(1))) struct WireShapeTests {
    enum Wire: CaseIterable { case openai, anthropic }

    // MARK: - Bodies, both wires

    static func stream(_ wire: Wire, _ pieces: [String] = ["Hello", " world"]) -> [String] {
        switch wire {
        case .openai:
            return pieces.enumerated().map { index, piece in
                let finish = index == pieces.count - 1 ? #""stop""# : "null"
                return #"data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"\#(piece)"},"finish_reason":\#(finish)}]}"#
                    + "\n\n"
            } + ["data: [DONE]\n\n"]
        case .anthropic:
            return [
                "event: message_start\n"
                    + #"data: {"type":"message_start","message":{"id":"m1","type":"message","role":"assistant","content":[],"model":"x","usage":{"input_tokens":5,"output_tokens":1}}}"#
                    + "\n\n",
                "event: content_block_start\n"
                    + #"data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"# + "\n\n",
            ]
                + pieces.map {
                    "event: content_block_delta\n"
                        + #"data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\#($0)"}}"#
                        + "\n\n"
                }
                + [
                    "event: message_delta\n"
                        + #"data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":2}}"#
                        + "\n\n",
                    "event: message_stop\n" + #"data: {"type":"message_stop"}"# + "\n\n",
                ]
        }
    }

    static func wholeAnswer(_ wire: Wire, _ text: String = "Hello world") -> String {
        switch wire {
        case .openai:
            #"{"id":"c1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"\#(text)"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}"#
        case .anthropic:
            #"{"id":"m1","type":"message","role":"assistant","model":"x","content":[{"type":"text","text":"\#(text)"}],"stop_reason":"end_turn","usage":{"input_tokens":5,"output_tokens":2}}"#
        }
    }

    /// llama.cpp's answer to a prompt larger than its context, sent with HTTP 200 and
    /// text/event-stream to a streamed request (issue case 4).
    static let contextMessage = "request (6009 tokens) exceeds the available context size (4096 tokens), try increasing it"
    static func errorObject(_ wire: Wire) -> String {
        switch wire {
        case .openai:
            #"{"error":{"code":400,"message":"\#(contextMessage)","type":"exceed_context_size_error","n_prompt_tokens":6009,"n_ctx":4096}}"#
        case .anthropic:
            #"{"type":"error","error":{"type":"invalid_request_error","message":"\#(contextMessage)"}}"#
        }
    }

    func run(_ wire: Wire, _ response: FakeResponse) async throws -> Collected {
        try await withHarness(script: FakeScript(rules: [.init(responses: [response])])) { h in
            switch wire {
            case .openai: await collect(try h.openAI().stream(chatRequest(model: "m")))
            case .anthropic: await collect(try h.anthropic().stream(chatRequest(model: "m")))
            }
        }
    }

    static let labels = ["application/json", "text/event-stream", "", "text/plain; charset=utf-8"]

    /// Case 8 and its kind: a correct event stream read as one under every label.
    @Test(arguments: Wire.allCases, labels)
    func anEventStreamIsReadAsOneWhateverItsLabel(wire: Wire, label: String) async throws {
        let result = try await run(wire, .raw(Self.stream(wire), contentType: label))
        #expect(result.error == nil, "\(label): \(String(describing: result.error))")
        #expect(result.text == "Hello world")
        #expect(result.textChunks == 2)
    }

    /// Case 4 and its kind: one bare JSON error object is that worker's error, with the
    /// server's own message, under every label.
    @Test(arguments: Wire.allCases, labels)
    func aBareJSONErrorCarriesTheServersMessageWhateverItsLabel(wire: Wire, label: String) async throws {
        let result = try await run(wire, .raw([Self.errorObject(wire)], contentType: label))
        let error = try #require(result.providerError)
        #expect(error.description.contains(Self.contextMessage), "\(error)")
        #expect(!error.description.contains("cut short"))
        #expect(error.kind == .serverReportedError)
        expectOneClearLine(error, provider: wire == .openai ? .openai : .anthropic)
    }

    /// A complete answer object (`chat.completion`, Anthropic `message`) is the answer, under
    /// every label.
    @Test(arguments: Wire.allCases, labels)
    func aWholeAnswerObjectIsTheAnswerWhateverItsLabel(wire: Wire, label: String) async throws {
        let result = try await run(wire, .raw([Self.wholeAnswer(wire)], contentType: label))
        #expect(result.error == nil, "\(String(describing: result.error))")
        #expect(result.text == "Hello world")
        #expect(result.usage == TokenUsage(promptTokens: 5, completionTokens: 2, approximate: false))
    }

    /// Neighbours of the sniff: a byte order mark and blank lines before the JSON, the JSON cut
    /// into pieces (the first only whitespace), and an event stream that starts with a comment.
    @Test(arguments: Wire.allCases)
    func theSniffSkipsWhatComesBeforeTheFirstByteAndWaitsForEnoughOfIt(wire: Wire) async throws {
        let object = Self.errorObject(wire)
        let cut = object.index(object.startIndex, offsetBy: 9)
        let pieces = ["\u{FEFF}", "\r\n \n", String(object[..<cut]), String(object[cut...])]
        let split = try await run(wire, .raw(pieces, contentType: "text/event-stream"))
        #expect(split.providerError?.description.contains(Self.contextMessage) == true, "\(String(describing: split.error))")

        let commented = try await run(wire, .raw([": keep-alive\n\n", "da"] + [String(Self.stream(wire).joined().dropFirst(2))], contentType: "application/json"))
        #expect(commented.error == nil, "\(String(describing: commented.error))")
        #expect(commented.text == "Hello world")
    }

    /// A page that is neither (a proxy's HTML) is named as such even when labelled an event
    /// stream, instead of "the stream may have been cut short".
    @Test(arguments: Wire.allCases)
    func aPageLabelledAnEventStreamIsNamedNotAnEventStream(wire: Wire) async throws {
        let result = try await run(wire, .raw(["<html><body>Bad gateway</body></html>"], contentType: "text/event-stream"))
        let error = try #require(result.providerError)
        #expect(error.kind == .malformedResponse)
        #expect(error.description.contains("not an event stream (content type text/event-stream)"), "\(error)")
    }

    // MARK: - Split surrogate escapes over the wire

    /// The two halves of 🎉 (U+1F389, `\ud83c\udf89`) in consecutive events are one character;
    /// a lone half is U+FFFD; the worker never fails.
    @Test(arguments: Wire.allCases)
    func aSurrogatePairSplitAcrossEventsIsJoined(wire: Wire) async throws {
        let joined = try await run(wire, .raw(Self.stream(wire, [#"Party \ud83c"#, #"\udf89 time"#])))
        #expect(joined.error == nil, "\(String(describing: joined.error))")
        #expect(joined.text == "Party 🎉 time")

        let loneHigh = try await run(wire, .raw(Self.stream(wire, [#"a\ud83c"#, "b"])))
        #expect(loneHigh.error == nil, "\(String(describing: loneHigh.error))")
        #expect(loneHigh.text == "a\u{FFFD}b")

        let loneLow = try await run(wire, .raw(Self.stream(wire, ["a", #"\udf89b"#])))
        #expect(loneLow.error == nil)
        #expect(loneLow.text == "a\u{FFFD}b")

        let lastHigh = try await run(wire, .raw(Self.stream(wire, ["a", #"b\ud83c"#])))
        #expect(lastHigh.error == nil)
        #expect(lastHigh.text == "ab\u{FFFD}")

        let whole = try await run(wire, .raw([Self.wholeAnswer(wire, #"x\ud83cy \ud83c\udf89"#)], contentType: "application/json"))
        #expect(whole.error == nil)
        #expect(whole.text == "x\u{FFFD}y 🎉")
    }

    // MARK: - Compressed bodies

    @Test(arguments: Wire.allCases, ["gzip", "deflate"])
    func aCompressedBodyIsDecodedStreamedAndWhole(wire: Wire, coding: String) async throws {
        let streamed = try await run(wire, .raw(Self.stream(wire), contentEncoding: coding))
        #expect(streamed.error == nil, "\(String(describing: streamed.error))")
        #expect(streamed.text == "Hello world")
        #expect(streamed.textChunks == 2)

        let whole = try await run(wire, .raw([Self.wholeAnswer(wire)], contentType: "application/json", contentEncoding: coding))
        #expect(whole.error == nil, "\(String(describing: whole.error))")
        #expect(whole.text == "Hello world")

        let error = try await run(wire, .raw([Self.errorObject(wire)], contentEncoding: coding))
        #expect(error.providerError?.description.contains(Self.contextMessage) == true)

        let failed = try await run(
            wire, FakeResponse(status: 500, contentType: "application/json", rawPieces: [Self.errorObject(wire)], contentEncoding: coding))
        #expect(failed.providerError?.status == 500)
        #expect(failed.providerError?.description.contains(Self.contextMessage) == true, "\(String(describing: failed.error))")
    }

    /// An encoding Chorus cannot decode is named, with the fix; so is a body that claims gzip
    /// but is not.
    @Test(arguments: Wire.allCases, ["br", "zstd", "gzip, br"])
    func anEncodingThatCannotBeDecodedIsNamed(wire: Wire, coding: String) async throws {
        let result = try await run(wire, .raw(Self.stream(wire), contentEncoding: coding))
        let error = try #require(result.providerError)
        #expect(error.description.contains("Content-Encoding: \(coding)"), "\(error)")
        #expect(error.description.contains("gzip, deflate or no compression"))
        expectOneClearLine(error, provider: wire == .openai ? .openai : .anthropic)
    }

    @Test func aBodyLabelledGzipThatIsNotIsNamed() async throws {
        let result = try await run(.openai, FakeResponse(headers: ["content-encoding": "gzip"], contentType: "text/event-stream", rawPieces: Self.stream(.openai)))
        let error = try #require(result.providerError)
        #expect(error.kind == .malformedResponse)
        #expect(error.description.contains("cannot be decompressed"), "\(error)")
    }

    @Test func chorusAsksForAnUncompressedBody() async throws {
        try await withHarness { h in
            _ = await collect(try h.openAI().stream(chatRequest(model: "tokens-2")))
            #expect(h.server.journal.requests.first?.headers["accept-encoding"] == "identity")
        }
    }

    // MARK: - Retry-After against the server

    /// Each HTTP-date form, sent by the server 20 s ahead: the retry waits until then (on the
    /// manual clock), not the policy's half-second backoff.
    @Test(arguments: ["imf", "rfc850", "asctime"])
    func retryAfterAsAnHTTPDateIsHonoured(form: String) async throws {
        let date = Date().addingTimeInterval(20)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat =
            switch form {
            case "imf": "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            case "rfc850": "EEEE, dd-MMM-yy HH:mm:ss 'GMT'"
            default: "EEE MMM d HH:mm:ss yyyy"
            }
        var value = formatter.string(from: date)
        if form == "asctime" {  // asctime pads a one-digit day with a space
            let parts = value.split(separator: " ")
            if parts[2].count == 1 { value = "\(parts[0]) \(parts[1])  \(parts[2]) \(parts[3]) \(parts[4])" }
        }
        let script = FakeScript(rules: [.init(responses: [.failure(429, retryAfter: value), .answer("ok")])])
        try await withHarness(script: script) { h in
            let clock = ManualClock()
            let policy = RetryPolicy(maxRetries: 1, initialBackoff: .milliseconds(500), maxBackoff: .seconds(8), jitter: 0)
            let model = try h.openAI(retry: policy, clock: clock)
            let task = Task { await collect(model.stream(chatRequest(model: "m"))) }
            #expect(await clock.waitForSleepers(1, timeout: sleeperWait))
            await clock.advance(by: .seconds(12))
            #expect(clock.sleeperCount == 1, "\(value) was not read as a date 20 s ahead")
            await clock.advance(by: .seconds(9))
            let result = await task.valueOrCancel
            #expect(result.text == "ok", "\(value): \(String(describing: result.error))")
            #expect(result.retries == [2])
        }
    }
}
