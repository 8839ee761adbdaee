import Chorus
import FakeLLMServer
import Foundation
import Testing

@testable import ChorusProviders

/// A request with a response schema (`--schema`) on both wires, against the fake server: the
/// request bodies, the fallback chain when a server refuses a form (each step recorded under
/// "schema"), and Anthropic's forced tool whose streamed input is the answer (`StructuredForm`).
@Suite(.timeLimit(.minutes(1))) struct StructuredOutputTests {
    /// `label: positive|negative|neutral, confidence float` as the core writes it: strict-eligible.
    static let schema = ResponseSchema(
        name: "answer",
        schema: .object([
            "type": .string("object"),
            "properties": .object([
                "label": .object(["type": .string("string"), "enum": .array([.string("positive"), .string("negative"), .string("neutral")])]),
                "confidence": .object(["type": .string("number")]),
            ]),
            "required": .array([.string("label"), .string("confidence")]),
            "additionalProperties": .bool(false),
        ]))

    static func request(model: String, schema: ResponseSchema? = Self.schema) -> ChatRequest {
        var request = chatRequest(model: model)
        request.responseSchema = schema
        return request
    }

    static func bodies(_ server: FakeLLMServer) -> [[String: Any]] {
        server.journal.requests.map { (try? JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any]) ?? [:] }
    }

    static func notApplied(_ result: Collected) -> [(setting: String, reason: String)] {
        result.chunks.compactMap { if case .notApplied(let setting, let reason) = $0 { (setting, reason) } else { nil } }
    }

    static func stops(_ result: Collected) -> [String] {
        result.chunks.compactMap { if case .stop(let reason) = $0 { reason } else { nil } }
    }

    /// The content of the last user message of a request body (OpenAI or Anthropic: a string).
    static func lastUserText(_ body: [String: Any]) -> String {
        let messages = body["messages"] as? [[String: Any]] ?? []
        return messages.last(where: { $0["role"] as? String == "user" })?["content"] as? String ?? ""
    }

    static let instructionMark = "It must follow this JSON Schema:"

    // MARK: - OpenAI-compatible: the body

    @Test func openAISendsJSONSchemaAsResponseFormatAndLeavesThePromptAlone() async throws {
        try await withHarness { h in
            let result = await collect(try h.openAI().stream(Self.request(model: "say=ok")))
            #expect(result.error == nil)
            #expect(Self.notApplied(result).isEmpty)
            let body = try #require(Self.bodies(h.server).first)
            let format = try #require(body["response_format"] as? [String: Any])
            #expect(format["type"] as? String == "json_schema")
            let named = try #require(format["json_schema"] as? [String: Any])
            #expect(named["name"] as? String == "answer")
            #expect(named["strict"] as? Bool == true)
            let schema = try #require(named["schema"] as? [String: Any])
            #expect((schema["required"] as? [String]) == ["label", "confidence"])
            #expect(format["schema"] == nil)
            #expect(!Self.lastUserText(body).contains(Self.instructionMark))
        }
    }

    @Test func openAIWithoutASchemaSendsNoResponseFormat() async throws {
        try await withHarness { h in
            _ = await collect(try h.openAI().stream(Self.request(model: "say=ok", schema: nil)))
            let body = try #require(Self.bodies(h.server).first)
            #expect(body["response_format"] == nil)
        }
    }

    /// OpenAI's strict mode takes only schemas whose objects require every property and forbid
    /// others; anything else is sent with `strict: false` rather than refused.
    @Test(arguments: [
        (#"{"type":"object","properties":{"a":{"type":"string"}},"required":["a"],"additionalProperties":false}"#, true),
        (#"{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"number"}},"required":["a"],"additionalProperties":false}"#, false),
        (#"{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}"#, false),
        (#"{"type":"object","properties":{"a":{"type":"object","properties":{"x":{"type":"integer"}},"required":["x"]}},"required":["a"],"additionalProperties":false}"#, false),
        (#"{"type":"object","properties":{"a":{"type":"array","items":{"type":"object","properties":{"x":{"type":"integer"}},"required":["x"],"additionalProperties":false}}},"required":["a"],"additionalProperties":false}"#, true),
        (#"{"type":"object","properties":{"type":{"type":"string"}},"required":["type"],"additionalProperties":false}"#, true),
    ])
    func strictModeOnlyForSchemasItTakes(schema: String, strict: Bool) throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(schema.utf8))
        #expect(StructuredForm.strictEligible(value) == strict)
    }

    // MARK: - OpenAI-compatible: the fallback chain

    /// llama-cpp-python's server (our local model) answers `json_schema` with HTTP 500 and
    /// pydantic's literal_error; the second request uses its own form, and says so.
    @Test func llamaCppPythonsRefusalStepsDownToJSONObjectWithTheSchema() async throws {
        try await withHarness(script: FakeScript(refuse: [.jsonSchema])) { h in
            // A retry policy that would retry a 500: the refusal must not be counted as one.
            let result = await collect(try h.openAI(retry: .standard).stream(Self.request(model: "say=ok")))
            #expect(result.error == nil)
            #expect(result.retries.isEmpty)
            #expect(h.server.journal.requests.map(\.status) == [500, 200])
            let notes = Self.notApplied(result)
            #expect(notes.map(\.setting) == ["schema"])
            #expect(notes.first?.reason.contains("refused response_format json_schema") == true)
            #expect(notes.first?.reason.contains("Input should be 'text' or 'json_object'") == true)
            #expect(notes.first?.reason.contains("sent as response_format json_object") == true)
            let bodies = Self.bodies(h.server)
            let second = try #require(bodies.last?["response_format"] as? [String: Any])
            #expect(second["type"] as? String == "json_object")
            #expect(second["json_schema"] == nil)
            #expect((second["schema"] as? [String: Any])?["type"] as? String == "object")
            #expect(Self.lastUserText(bodies[1]).contains(Self.instructionMark))
            #expect(Self.lastUserText(bodies[1]).contains(#""enum":["positive","negative","neutral"]"#))
            #expect(!Self.lastUserText(bodies[0]).contains(Self.instructionMark))
        }
    }

    /// A refusal is the server's and the model's, not one request's (`RefusalMemory`): once
    /// llama-cpp-python refused `json_schema`, later calls through the same HTTP client (the
    /// other workers, the next batch items) send its own form at once, and still record why.
    /// Another model name on the same server learns for itself.
    @Test func aRefusalIsLearnedOncePerServerAndModel() async throws {
        try await withHarness(script: FakeScript(refuse: [.jsonSchema])) { h in
            let first = await collect(try h.openAI().stream(Self.request(model: "say=ok")))
            let second = await collect(try h.openAI().stream(Self.request(model: "say=ok")))
            #expect(first.error == nil && second.error == nil)
            #expect(h.server.journal.requests.map(\.status) == [500, 200, 200])
            let later = Self.notApplied(second)
            #expect(later.map(\.setting) == ["schema"])
            #expect(later.first?.reason.contains("refused response_format json_schema") == true)
            #expect(later.first?.reason.contains("learned from an earlier request") == true)
            let bodies = Self.bodies(h.server)
            #expect((bodies[2]["response_format"] as? [String: Any])?["type"] as? String == "json_object")

            let other = await collect(try h.openAI().stream(Self.request(model: "say=other")))
            #expect(other.error == nil)
            #expect(h.server.journal.requests.map(\.status) == [500, 200, 200, 500, 200])
        }
    }

    /// A gateway without structured output refuses every `response_format`: json_schema, then
    /// json_object, then the plain instruction, each step named.
    @Test func aServerRefusingResponseFormatGetsThePlainInstruction() async throws {
        try await withHarness(script: FakeScript(refuse: [.responseFormat])) { h in
            let result = await collect(try h.openAI().stream(Self.request(model: "say=ok")))
            #expect(result.error == nil)
            #expect(h.server.journal.requests.map(\.status) == [400, 400, 200])
            let notes = Self.notApplied(result)
            #expect(notes.map(\.setting) == ["schema", "schema"])
            #expect(notes.last?.reason.contains("refused response_format json_object") == true)
            #expect(notes.last?.reason.contains("read from the answer text") == true)
            let bodies = Self.bodies(h.server)
            #expect((bodies[0]["response_format"] as? [String: Any])?["type"] as? String == "json_schema")
            #expect((bodies[1]["response_format"] as? [String: Any])?["type"] as? String == "json_object")
            #expect(bodies[2]["response_format"] == nil)
            #expect(Self.lastUserText(bodies[2]).contains(Self.instructionMark))
            // The user's question is still there, before the instruction.
            #expect(Self.lastUserText(bodies[2]).hasPrefix("Should a five-person startup use microservices?"))
        }
    }

    /// OpenAI answers a schema its strict mode cannot take with a 400 naming response_format
    /// (no refusal word): a complaint about a form is a refusal of the form.
    @Test func openAIsInvalidSchemaAnswerStepsDownToo() async throws {
        let invalid = #"{"error":{"message":"Invalid schema for response_format 'answer': In context=(), 'additionalProperties' is required to be supplied and to be false.","type":"invalid_request_error","param":"response_format","code":null}}"#
        let script = FakeScript(rules: [
            .init(responses: [FakeResponse(status: 400, rawBody: invalid, contentType: "application/json"), .answer("{}")])
        ])
        try await withHarness(script: script) { h in
            let result = await collect(try h.openAI().stream(Self.request(model: "m")))
            #expect(result.error == nil)
            #expect(result.text == "{}")
            #expect(Self.notApplied(result).map(\.setting) == ["schema"])
            #expect((Self.bodies(h.server).last?["response_format"] as? [String: Any])?["type"] as? String == "json_object")
        }
    }

    /// A 500 that does not name response_format is a server failure, not a refusal; and a
    /// request without a schema has no form to step down from.
    @Test func aPlainServerErrorIsNotARefusalOfTheSchema() async throws {
        try await withHarness { h in
            let result = await collect(try h.openAI().stream(Self.request(model: "fail-500")))
            #expect(result.providerError != nil)
            #expect(Self.notApplied(result).isEmpty)
            #expect(h.server.journal.requests.count == 1)
        }
        let body = Array(#"{"error":{"message":"1 validation error: response_format: Input should be 'text' or 'json_object'","type":"internal_server_error"}}"#.utf8)
        // Only forms of request are refused by a 500 or by a complaint without a refusal word.
        #expect(ParameterRefusal.refused(status: 500, body: body, among: [RefusableParameter("response_format")]) == nil)
        #expect(ParameterRefusal.refused(status: 400, body: body, among: [RefusableParameter("response_format")]) == nil)
        let form = RefusableParameter("response_format", key: StructuredForm.jsonSchemaKey, anyComplaintRefuses: true)
        #expect(ParameterRefusal.refused(status: 500, body: body, among: [form])?.0 == form)
        #expect(ParameterRefusal.refused(status: 503, body: body, among: [form]) == nil)
        let unnamed = Array(#"{"error":{"message":"internal error","type":"internal_server_error"}}"#.utf8)
        #expect(ParameterRefusal.refused(status: 500, body: unnamed, among: [form]) == nil)
    }

    // MARK: - Anthropic: the body

    @Test func anthropicForcesOneToolWhoseInputSchemaIsTheSchema() async throws {
        try await withHarness { h in
            _ = await collect(try h.anthropic().stream(Self.request(model: "say=ok")))
            let body = try #require(Self.bodies(h.server).first)
            let tools = try #require(body["tools"] as? [[String: Any]])
            #expect(tools.count == 1)
            #expect(tools.first?["name"] as? String == "answer")
            #expect((tools.first?["input_schema"] as? [String: Any])?["type"] as? String == "object")
            let choice = try #require(body["tool_choice"] as? [String: Any])
            #expect(choice["type"] as? String == "tool")
            #expect(choice["name"] as? String == "answer")
            #expect(!Self.lastUserText(body).contains("calling the tool"))
            #expect(!Self.lastUserText(body).contains(Self.instructionMark))
        }
    }

    @Test func anthropicWithoutASchemaSendsNoTools() async throws {
        try await withHarness { h in
            _ = await collect(try h.anthropic().stream(Self.request(model: "say=ok", schema: nil)))
            let body = try #require(Self.bodies(h.server).first)
            #expect(body["tools"] == nil && body["tool_choice"] == nil)
        }
    }

    /// Thinking and a forced tool conflict on Anthropic ("Thinking may not be enabled when
    /// tool_choice forces tool use"): the tool is offered with tool_choice auto, the prompt asks
    /// for it, and the record says so. The fake refuses the forced form, so this test fails if
    /// it is sent.
    @Test func anthropicWithThinkingOffersTheToolInsteadOfForcingIt() async throws {
        try await withHarness(script: FakeScript(refuse: [.thinkingToolChoice])) { h in
            var request = Self.request(model: "say=ok", schema: Self.schema)
            request.reasoningEffort = .low
            let result = await collect(try h.anthropic().stream(request))
            #expect(result.error == nil)
            #expect(h.server.journal.requests.map(\.status) == [200])
            let schemaNotes = Self.notApplied(result).filter { $0.setting == "schema" }
            #expect(schemaNotes.count == 1)
            #expect(schemaNotes.first?.reason.contains("tool_choice auto") == true)
            let body = try #require(Self.bodies(h.server).first)
            #expect((body["tool_choice"] as? [String: Any])?["type"] as? String == "auto")
            #expect(body["thinking"] != nil)
            #expect(Self.lastUserText(body).contains("calling the tool answer"))
        }
    }

    /// An Anthropic-compatible proxy without tools: the instruction instead, named.
    @Test func anthropicToolsRefusedFallsBackToTheInstruction() async throws {
        let refusal = #"{"type":"error","error":{"type":"invalid_request_error","message":"tools: Extra inputs are not permitted"}}"#
        let script = FakeScript(rules: [
            .init(responses: [FakeResponse(status: 400, rawBody: refusal, contentType: "application/json"), .answer("{}")])
        ])
        try await withHarness(script: script) { h in
            let result = await collect(try h.anthropic().stream(Self.request(model: "m")))
            #expect(result.error == nil)
            #expect(Self.notApplied(result).map(\.setting) == ["schema"])
            let bodies = Self.bodies(h.server)
            #expect(bodies.count == 2)
            #expect(bodies[1]["tools"] == nil && bodies[1]["tool_choice"] == nil)
            #expect(Self.lastUserText(bodies[1]).contains(Self.instructionMark))
        }
    }

    // MARK: - Anthropic: the forced tool's stream

    static func event(_ type: String, _ data: String) -> String { "event: \(type)\ndata: \(data)\n\n" }

    /// Anthropic's stream of a forced tool, as the API sends it: a tool_use block opening with
    /// an empty input, the input's JSON in `input_json_delta` pieces cut anywhere (inside keys,
    /// inside string values, after an escaped quote), the block's stop, and `tool_use` as the
    /// stop reason. Events are further split across TCP writes mid-line.
    static func toolStream(tool: String = "answer", pieces: [String], stop: String = "tool_use") -> [String] {
        var events = [
            event("message_start", #"{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[],"stop_reason":null,"usage":{"input_tokens":310,"output_tokens":1}}}"#),
            event("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_01","name":"\#(tool)","input":{}}}"#),
            event("ping", #"{"type":"ping"}"#),
        ]
        for piece in pieces {
            let escaped = String(decoding: try! JSONEncoder().encode(piece), as: UTF8.self)
            events.append(event("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":\#(escaped)}}"#))
        }
        events += [
            event("content_block_stop", #"{"type":"content_block_stop","index":0}"#),
            event("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"\#(stop)","stop_sequence":null},"usage":{"output_tokens":25}}"#),
            event("message_stop", #"{"type":"message_stop"}"#),
        ]
        // Cut every event in two writes, inside its data line.
        return events.flatMap { event -> [String] in
            let cut = event.index(event.startIndex, offsetBy: event.count / 2)
            return [String(event[..<cut]), String(event[cut...])]
        }
    }

    static let answerPieces = ["", #"{"lab"#, #"el": "neg"#, #"ative", "#, #""reason": "says \"#, #""broke\" twice"#, #"", "confidence": 0."#, "85}"]
    static let answerJSON = #"{"label": "negative", "reason": "says \"broke\" twice", "confidence": 0.85}"#

    @Test func anthropicForcedToolInputIsTheAnswerText() async throws {
        let script = FakeScript(rules: [.init(responses: [.raw(Self.toolStream(pieces: Self.answerPieces))])])
        try await withHarness(script: script) { h in
            let result = await collect(try h.anthropic().stream(Self.request(model: "m")))
            #expect(result.error == nil)
            #expect(result.text == Self.answerJSON)
            let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(result.text.utf8))
            #expect(decoded["label"] == .string("negative"))
            // The forced tool's stop is the answer's end: reported as end_turn, so it counts whole.
            #expect(Self.stops(result) == ["end_turn"])
            #expect(result.usage?.completionTokens == 25)
        }
    }

    /// Another tool's input is not the answer, and its tool_use stop stays as sent.
    @Test func anotherToolsInputIsNotTheAnswer() async throws {
        let script = FakeScript(rules: [.init(responses: [.raw(Self.toolStream(tool: "get_weather", pieces: [#"{"city": "Oslo"}"#]))])])
        try await withHarness(script: script) { h in
            let result = await collect(try h.anthropic().stream(Self.request(model: "m")))
            #expect(result.text == "")
            #expect(Self.stops(result) == ["tool_use"])
        }
    }

    /// A tool answer cut at max_tokens keeps max_tokens, so the core marks it cut.
    @Test func aToolAnswerCutAtMaxTokensSaysSo() async throws {
        let script = FakeScript(rules: [.init(responses: [.raw(Self.toolStream(pieces: [#"{"label": "neg"#], stop: "max_tokens"))])])
        try await withHarness(script: script) { h in
            let result = await collect(try h.anthropic().stream(Self.request(model: "m")))
            #expect(result.text == #"{"label": "neg"#)
            #expect(Self.stops(result) == ["max_tokens"])
        }
    }

    /// A whole (non-streamed) message: the tool_use block's input object is the answer.
    @Test func aWholeMessagesToolInputIsTheAnswer() async throws {
        let whole = #"{"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[{"type":"tool_use","id":"toolu_01","name":"answer","input":{"label":"positive","confidence":1}}],"stop_reason":"tool_use","usage":{"input_tokens":10,"output_tokens":12}}"#
        let script = FakeScript(rules: [.init(responses: [.raw([whole], contentType: "application/json")])])
        try await withHarness(script: script) { h in
            let result = await collect(try h.anthropic().stream(Self.request(model: "m")))
            #expect(result.error == nil)
            #expect(result.text == #"{"confidence":1,"label":"positive"}"#)
            #expect(Self.stops(result) == ["end_turn"])
        }
    }

    /// The fast path reads input_json_delta events to the same result as JSONDecoder.
    @Test func toolInputDecodesTheSameOnBothPaths() {
        let context = ErrorContext(
            settings: ProviderSettings(kind: .anthropic, baseURL: "http://127.0.0.1:1"),
            endpoint: try! ProviderEndpoint.resolve(kind: .anthropic, baseURL: "http://127.0.0.1:1"), path: "/messages", model: "m")
        var parser = SSEParser()
        let events = parser.parse(Array(Self.toolStream(pieces: Self.answerPieces).joined().utf8)) + parser.finish()
        func run(fast: Bool) -> [StreamAction] {
            var decoder = AnthropicStreamDecoder(context: context, answerTool: "answer")
            decoder.fastPath = fast
            return events.map { decoder.consume($0) }
        }
        #expect(run(fast: true) == run(fast: false))
        #expect(AnthropicFastEvent.parse(#"{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"a"}}"#)?.delta?.partial_json == #"{"a"#)
    }
}
