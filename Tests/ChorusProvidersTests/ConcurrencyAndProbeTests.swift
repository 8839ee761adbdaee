import Chorus
import ChorusTestSupport
import FakeLLMServer
import Testing

@testable import ChorusProviders

@Suite(.timeLimit(.minutes(1))) struct ConcurrencyTests {
    /// 32 workers against one host start together: the server holds every response head until
    /// 32 requests are open at once, which can only happen if none is queued in the client
    /// (AsyncHTTPClient's default of 8 connections per host would keep 24 waiting).
    @Test func thirtyTwoStreamsAreOpenAtOnce() async throws {
        try await withHarness(connections: 32) { h in
            let model = try h.openAI()
            let results = await withTaskGroup(of: Collected.self) { group in
                for _ in 0..<32 {
                    group.addTask { await collect(model.stream(chatRequest(model: "gather-32+tokens-5"))) }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.count == 32)
            #expect(results.allSatisfy { $0.error == nil && $0.textChunks == 5 })
            #expect(h.server.journal.maxOpenAtOnce == 32)
            // Every head went out after the 32nd request arrived, i.e. none finished before.
            let requests = h.server.journal.requests
            let lastArrival = requests.map(\.openedAtMs).max() ?? 0
            let firstEnd = requests.compactMap(\.endedAtMs).min() ?? 0
            #expect(firstEnd >= lastArrival)
        }
    }

    /// Workers of one run may mix providers and models on one client.
    @Test func mixedProvidersShareOneClient() async throws {
        try await withHarness(connections: 4) { h in
            let openAI = try h.openAI()
            let anthropic = try h.anthropic()
            async let a = collect(openAI.stream(chatRequest(model: "say=one")))
            async let b = collect(anthropic.stream(chatRequest(model: "say=two")))
            async let c = collect(openAI.stream(chatRequest(model: "fail-500")))
            let (first, second, third) = await (a, b, c)
            #expect(first.text == "one")
            #expect(second.text == "two")
            #expect(third.providerError?.kind == .serverError)
        }
    }
}

@Suite(.timeLimit(.minutes(1))) struct ServerProbeTests {
    @Test func probeFindsTheServerAndItsModels() async throws {
        try await withHarness { h in
            #expect(await ServerProbe.openAICompatible(baseURL: h.server.rootURL, http: h.http, timeout: .seconds(30)) == .available(models: ["fake-model"]))
            #expect(await ServerProbe.openAICompatible(baseURL: h.server.baseURL, http: h.http, timeout: .seconds(30)) == .available(models: ["fake-model"]))
        }
    }

    @Test func probeReportsUnreachableAndNonAPIServers() async throws {
        let refusing = try RefusingPort()
        defer { withExtendedLifetime(refusing) {} }
        let port = refusing.port
        try await withHarness { h in
            let closedResult = await ServerProbe.openAICompatible(
                baseURL: "http://127.0.0.1:\(port)", http: h.http, timeout: .seconds(30)
            )
            guard case .unreachable(let error) = closedResult else {
                Issue.record("expected unreachable, got \(closedResult)")
                return
            }
            #expect(error.kind == .connectionRefused)
            let otherResult = await ServerProbe.openAICompatible(
                baseURL: h.server.rootURL + "/somewhere", http: h.http, timeout: .seconds(30)
            )
            guard case .answered(let notAPI) = otherResult else {
                Issue.record("expected an answer that is not a model list, got \(otherResult)")
                return
            }
            #expect(notAPI.status == 404)
        }
    }

    /// The probe's bound is AsyncHTTPClient's own deadline (real time, 100 ms here): a server
    /// that accepts the connection but never answers must not hold discovery up.
    @Test func probeGivesUpAfterItsTimeout() async throws {
        try await withHarness(script: FakeScript(modelsDelayMs: 60_000)) { h in
            let result = await ServerProbe.openAICompatible(baseURL: h.server.rootURL, http: h.http, timeout: .milliseconds(100))
            guard case .unreachable(let error) = result else {
                Issue.record("expected unreachable, got \(result)")
                return
            }
            #expect(error.kind == .connectTimeout)
            #expect(error.description.contains("no answer within 100 ms"))
        }
    }
}
