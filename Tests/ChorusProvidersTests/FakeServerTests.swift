import Chorus
import Foundation
import Testing

@testable import ChorusProviders
@testable import FakeLLMServer

/// The fake server's own contract: the directive language, script files, and the executable
/// (other projects' end-to-end tests start it as a process).
@Suite(.timeLimit(.minutes(1))) struct FakeServerTests {
    @Test func directivesFromTheModelNameAndFromMarkers() {
        let parsed = FakeDirectives.parse(
            model: "smollm2+fail-first-2,tokens-50", texts: ["Focus on risk [[fake: interval-5 + retry-after-3]]", "hi"]
        )
        #expect(parsed.failFirst == 2)
        #expect(parsed.response.tokens == 50)
        #expect(parsed.response.intervalMs == 5)
        #expect(parsed.response.retryAfter == "3")
        #expect(parsed.unknown.isEmpty)  // "smollm2" in the model name is just a name
        #expect(parsed.key == "fail-first-2+tokens-50+interval-5+retry-after-3")

        let typo = FakeDirectives.parse(model: "m", texts: ["[[fake:stal]]"])
        #expect(typo.unknown == ["stal"])
        #expect(FakeDirectives.parse(model: "say=Paris is big", texts: []).response.text == "Paris is big")
        #expect(FakeDirectives.parse(model: "drop-after-3", texts: []).response.ending == .drop)
        #expect(FakeDirectives.parse(model: "fail-99", texts: []).matchedAny == false)
    }

    @Test func scriptFilesDecodeWithDefaultsAndRejectEmptyRules() throws {
        let script = try FakeScript.load(
            json: Data(
                #"{"rules":[{"model":"w2","responses":[{"status":500},{"text":"ok"}]},{"contains":"risk","response":{"ending":"stall"}}],"default":{"tokens":3}}"#
                    .utf8)
        )
        #expect(script.rules.count == 2)
        #expect(script.rules[0].responses == [FakeResponse(status: 500), FakeResponse(text: "ok")])
        #expect(script.rules[1].responses == [FakeResponse(ending: .stall)])
        #expect(script.defaultResponse == FakeResponse(tokens: 3))
        #expect(throws: DecodingError.self) {
            _ = try FakeScript.load(json: Data(#"{"rules":[{"model":"x","responses":[]}]}"#.utf8))
        }
    }

    @Test func anUnknownMarkerDirectiveIsAnsweredWith400() async throws {
        try await withHarness { h in
            var request = chatRequest(model: "m", focus: "risk [[fake:fial-500]]")
            request.maxTokens = nil
            let error = try #require(await collect(try h.openAI().stream(request)).providerError)
            #expect(error.kind == .badRequest)
            #expect(error.detail?.contains("unknown directive(s) in [[fake:...]]: fial-500") == true)
        }
    }

    @Test func oneServerMakesOneWorkerFailAndTheOthersSucceed() async throws {
        try await withHarness { h in
            let model = try h.openAI()
            let focuses = ["cost", "risk [[fake:fail-500]]", "speed"]
            var results: [Collected] = []
            for focus in focuses {
                results.append(await collect(model.stream(chatRequest(model: "tokens-3", focus: focus))))
            }
            #expect(results.map { $0.error == nil } == [true, false, true])
            #expect(results[1].providerError?.status == 500)
        }
    }

    /// The executable as scripts use it: port 0, the port on stdout, a script file, the journal
    /// over HTTP.
    @Test func theExecutableServesAScriptOnAPortItPrints() async throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("fake-llm-server")
        try #require(
            FileManager.default.isExecutableFile(atPath: binary.path),
            "build the fake-llm-server product first (swift build); looked at \(binary.path)"
        )
        let scriptURL = FileManager.default.temporaryDirectory.appendingPathComponent("fake-script-\(UUID()).json")
        try Data(#"{"rules":[{"model":"worker-2","response":{"status":503}}],"default":{"text":"from the script"}}"#.utf8)
            .write(to: scriptURL)
        defer { try? FileManager.default.removeItem(at: scriptURL) }

        let (process, port) = try await startFakeServerProcess(binary, ["--script", scriptURL.path])
        defer { process.terminate() }

        let http = ProviderHTTPClient(maxConnectionsPerHost: 4)
        let model = try makeModel(ProviderSettings(kind: .openai, baseURL: "http://127.0.0.1:\(port)/v1", retry: .never), http: http)
        let worker1 = await collect(model.stream(chatRequest(model: "worker-1")))
        let worker2 = await collect(model.stream(chatRequest(model: "worker-2")))
        let probe = await ServerProbe.openAICompatible(baseURL: "http://127.0.0.1:\(port)", http: http, timeout: .seconds(30))
        try await http.shutdown()

        #expect(worker1.text == "from the script")
        #expect(worker2.providerError?.status == 503)
        #expect(probe == .available(models: ["fake-model"]))
    }
}
