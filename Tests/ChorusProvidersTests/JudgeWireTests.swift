import Chorus
import FakeLLMServer
import Foundation
import Testing

@testable import ChorusProviders

/// The judge's constrained request over real HTTP on both wires (issue 15): the pick schema sent
/// as OpenAI's json_schema, stepped down to llama-cpp-python's json_object+schema when refused
/// with HTTP 500 (learned once, so the second pass sends it at once), to the prompt instruction
/// when a gateway refuses every response_format with 400, and as Anthropic's forced tool. Each
/// pass's form is in the record. The fake judge picks by content from the prompt it was sent,
/// so the pick maps back to the right worker whatever the shuffle.
@Suite(.timeLimit(.minutes(1))) struct JudgeWireTests {
    static let answers = ["w-paris": "Paris", "w-lyon": "Lyon is the capital.", "w-paris-2": "Paris"]

    /// The shown number of the answer containing "Lyon", from the prompt's "Answer k:" headings.
    static func lyonNumber(_ prompt: String) -> Int {
        var text = prompt
        if let cut = text.range(of: "\n\nAgreement between the answers:") { text = String(text[..<cut.lowerBound]) }
        let sections = text.components(separatedBy: "Answer ").dropFirst()
        return sections.first { $0.contains("Lyon is") }.flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
    }

    static func script(refuse: [FakeRefusal] = [], reply: @escaping @Sendable (RecordedRequest, Int) -> FakeResponse) -> FakeScript {
        FakeScript(
            rules: answers.map { FakeScript.Rule(model: $0.key, responses: [.answer($0.value)]) },
            handler: { request, call in request.model == "judge" ? reply(request, call) : nil }, refuse: refuse)
    }

    /// A judge reply: the JSON when the request carried a response format or a tool, else the
    /// bare sentence a model told the format only in its prompt tends to write.
    static func openAIReply(_ request: RecordedRequest, _ call: Int) -> FakeResponse {
        let k = lyonNumber(request.userText)
        return request.body.contains("\"response_format\"")
            ? .answer(#"{"best": \#(k), "reason": "it names the city"}"#) : .answer("The best answer is \(k) because it names the city.")
    }

    static func run(_ h: Harness, kind: ProviderKind, provider: String) async -> RunRecord {
        let workers = ["w-paris", "w-lyon", "w-paris-2"].enumerated().map { i, name in
            WorkerSpec(index: i, temperature: 0.2, model: ModelChoice(provider: provider, model: name))
        }
        let plan = Plan(
            task: "Which city is the capital?", workers: workers,
            aggregator: AggregatorSpec(strategy: .judge, model: ModelChoice(provider: provider, model: "judge")))
        let settings = ProviderSettings(
            kind: kind, baseURL: kind == .openai ? h.server.baseURL : h.server.rootURL, apiKey: Harness.secretKey, retry: .never)
        let http = h.http
        return await RunController(plan: plan, models: { _ in try makeModel(settings, http: http) }).start()
    }

    static func judgeRequests(_ server: FakeLLMServer) -> [(status: Int?, body: [String: Any])] {
        server.journal.requests.filter { $0.model == "judge" }.map {
            ($0.status, (try? JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any]) ?? [:])
        }
    }

    static func format(_ body: [String: Any]) -> [String: Any]? { body["response_format"] as? [String: Any] }

    static func expectPickSchema(_ schema: [String: Any]?) {
        let properties = schema?["properties"] as? [String: Any]
        let best = properties?["best"] as? [String: Any]
        #expect(best?["type"] as? String == "integer")
        #expect(best?["enum"] as? [Int] == [1, 2, 3])
        #expect(schema?["required"] as? [String] == ["best"])
        #expect((properties?["reason"] as? [String: Any])?["maxLength"] as? Int == Judge.reasonMaxLength)
    }

    @Test func openAISendsThePickAsAJSONSchemaEnum() async throws {
        try await withHarness(script: Self.script(reply: Self.openAIReply)) { h in
            let record = await Self.run(h, kind: .openai, provider: "openai")
            let requests = Self.judgeRequests(h.server)
            #expect(requests.map(\.status) == [200, 200])
            for (_, body) in requests {
                let format = try #require(Self.format(body))
                #expect(format["type"] as? String == "json_schema")
                let named = try #require(format["json_schema"] as? [String: Any])
                #expect(named["name"] as? String == "judge_pick")
                // An optional, bounded reason: not strict-eligible, so OpenAI is not asked for strict mode.
                #expect(named["strict"] as? Bool == false)
                Self.expectPickSchema(named["schema"] as? [String: Any])
            }
            let a = try #require(record.latestAggregation)
            #expect(a.fallbackUsed == false)
            #expect(a.chosenWorker == 1)
            #expect(record.output == "Lyon is the capital.")
            #expect(a.judge?.decision == .agreed)
            #expect(a.judge?.passes.map(\.form) == [.jsonSchema, .jsonSchema])
        }
    }

    /// llama-cpp-python (the local model's server) answers json_schema with HTTP 500: the first
    /// pass steps down to json_object with the schema, the second sends that at once.
    @Test func llamaCppPythonsRefusalStepsTheJudgeDownToJSONObjectOnce() async throws {
        try await withHarness(script: Self.script(refuse: [.jsonSchema], reply: Self.openAIReply)) { h in
            let record = await Self.run(h, kind: .openai, provider: "local")
            let requests = Self.judgeRequests(h.server)
            #expect(requests.map(\.status) == [500, 200, 200])
            #expect(Self.format(requests[0].body)?["type"] as? String == "json_schema")
            for (_, body) in requests.dropFirst() {
                let format = try #require(Self.format(body))
                #expect(format["type"] as? String == "json_object")
                Self.expectPickSchema(format["schema"] as? [String: Any])
            }
            let a = try #require(record.latestAggregation)
            #expect(a.fallbackUsed == false)
            #expect(a.chosenWorker == 1)
            #expect(a.judge?.passes.map(\.form) == [.jsonObject, .jsonObject])
        }
    }

    /// A gateway refusing every response_format (HTTP 400): json_schema, json_object, then the
    /// schema as a prompt instruction, and a bare-number reply still names the pick.
    @Test func aServerWithoutResponseFormatGetsTheInstructionAndABareNumberIsRead() async throws {
        try await withHarness(script: Self.script(refuse: [.responseFormat], reply: Self.openAIReply)) { h in
            let record = await Self.run(h, kind: .openai, provider: "gateway")
            let requests = Self.judgeRequests(h.server)
            #expect(requests.map(\.status) == [400, 400, 200, 200])
            #expect(Self.format(requests[0].body)?["type"] as? String == "json_schema")
            #expect(Self.format(requests[1].body)?["type"] as? String == "json_object")
            for (_, body) in requests.suffix(2) {
                #expect(body["response_format"] == nil)
                let messages = body["messages"] as? [[String: Any]] ?? []
                let user = messages.last?["content"] as? String ?? ""
                #expect(user.contains("It must follow this JSON Schema:"))
                #expect(user.contains(#""enum":[1,2,3]"#))
            }
            let a = try #require(record.latestAggregation)
            #expect(a.fallbackUsed == false)
            #expect(a.chosenWorker == 1)
            #expect(a.judge?.passes.map(\.form) == [.instruction, .instruction])
            #expect(a.judge?.passes.first?.reply?.hasPrefix("The best answer is") == true)
        }
    }

    /// Anthropic: one forced tool whose input_schema is the pick schema; the tool's streamed
    /// input is the reply.
    @Test func anthropicForcesTheJudgesTool() async throws {
        let script = Self.script { request, _ in
            let k = Self.lyonNumber(request.userText)
            return .raw(StructuredOutputTests.toolStream(tool: "judge_pick", pieces: [#"{"be"#, #"st": \#(k)"#, "}"]))
        }
        try await withHarness(script: script) { h in
            let record = await Self.run(h, kind: .anthropic, provider: "anthropic")
            let requests = Self.judgeRequests(h.server)
            #expect(requests.map(\.status) == [200, 200])
            for (_, body) in requests {
                let tools = try #require(body["tools"] as? [[String: Any]])
                #expect(tools.map { $0["name"] as? String } == ["judge_pick"])
                Self.expectPickSchema(tools.first?["input_schema"] as? [String: Any])
                let choice = try #require(body["tool_choice"] as? [String: Any])
                #expect(choice["type"] as? String == "tool")
                #expect(choice["name"] as? String == "judge_pick")
            }
            let a = try #require(record.latestAggregation)
            #expect(a.fallbackUsed == false)
            #expect(a.chosenWorker == 1)
            #expect(a.judge?.passes.map(\.reply) == [#"{"best": \#(a.judge!.passes[0].pick!)}"#, #"{"best": \#(a.judge!.passes[1].pick!)}"#])
            #expect(a.judge?.passes.map(\.form) == [.tool, .tool])
        }
    }

    /// Found by a trial: the first pass's request refused with HTTP 400 (not about the response
    /// format, so nothing steps down) ended the merge in a concatenation, and the second pass
    /// was never sent. Now the reversed pass is sent and its pick is the answer.
    @Test func aFirstPassRefusedWithHTTP400LeavesTheSecondPassesPick() async throws {
        let script = Self.script { request, call in
            call == 0 ? .failure(400, message: "bad") : Self.openAIReply(request, call)
        }
        try await withHarness(script: script) { h in
            let record = await Self.run(h, kind: .openai, provider: "openai")
            let requests = Self.judgeRequests(h.server)
            #expect(requests.map(\.status) == [400, 200])
            let a = try #require(record.latestAggregation)
            #expect(a.fallbackUsed == false)
            #expect(a.chosenWorker == 1)
            #expect(record.output == "Lyon is the capital.")
            let judge = try #require(a.judge)
            #expect(judge.decision == .onePass)
            #expect(judge.passes.count == 2)
            #expect(judge.passes[0].error?.contains("HTTP 400") == true)
            #expect(judge.passes[1].worker == 1)
        }
    }
}
