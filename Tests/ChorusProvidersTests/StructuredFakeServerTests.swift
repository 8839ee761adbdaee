import Chorus
import ChorusTestSupport
import FakeLLMServer
import Foundation
import Testing

@testable import ChorusProviders

/// The per-field vote end to end over real HTTP: a fake server whose workers answer valid JSON,
/// invalid JSON, JSON with a wrong enum and JSON inside a fence (what a model told the schema
/// only in its prompt writes), one shape a row. Each is read from the text the server sent.
@Suite(.timeLimit(.minutes(1))) struct StructuredFakeServerTests {
    static let schema = try! StructuredSchema(concise: "label: positive|negative|neutral, confidence float 0..1")

    @Test func validInvalidWrongEnumAndFencedAnswers() async throws {
        let script = FakeScript(rules: [
            .init(model: "valid-a", responses: [.answer(#"{"label": "positive", "confidence": 0.9}"#)]),
            .init(model: "valid-b", responses: [.answer(#"{"label":"positive","confidence":0.7}"#)]),
            .init(model: "fenced", responses: [.answer("Here you go:\n```json\n{\"label\": \"negative\", \"confidence\": 0.6}\n```")]),
            .init(model: "invalid-json", responses: [.answer(#"{"label": "positive", "confidence": }"#)]),
            .init(model: "wrong-enum", responses: [.answer(#"{"label": "happy", "confidence": 0.9}"#)]),
        ])
        try await withHarness(script: script) { h in
            let names = ["valid-a", "valid-b", "fenced", "invalid-json", "wrong-enum"]
            let workers = names.enumerated().map { i, name in
                var spec = WorkerSpec(index: i, temperature: 0.2, model: ModelChoice(provider: "openai", model: name))
                spec.schema = Self.schema
                return spec
            }
            let plan = Plan(
                task: "Classify: I love it.", workers: workers,
                aggregator: AggregatorSpec(strategy: .vote, model: ModelChoice(provider: "openai", model: "agg")))
            let settings = ProviderSettings(kind: .openai, baseURL: h.server.baseURL, apiKey: Harness.secretKey, retry: .never)
            let http = h.http
            let record = await RunController(plan: plan, models: { _ in try makeModel(settings, http: http) }).start()

            #expect(record.workers.map(\.status) == [.succeeded, .succeeded, .succeeded, .failed, .failed])
            #expect(record.workers[3].error?.hasPrefix("schema: the answer is not a JSON object (invalid JSON)") == true)
            #expect(record.workers[4].error == #"schema: label: "happy" is not one of positive|negative|neutral"#)
            let outcome = try #require(record.structured)
            #expect(outcome.object == .object(["label": .string("positive"), "confidence": .number(0.9)]))
            #expect(outcome.field("label")?.agreementText == "2/3")
            #expect(outcome.field("label")?.dissenters == [2])
            #expect(outcome.field("confidence")?.agreeing == 1)
            #expect(outcome.reviewFields == ["confidence"])
            #expect(record.needsReview)
        }
    }
}
