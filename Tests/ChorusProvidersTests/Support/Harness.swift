import Chorus
import ChorusTestSupport
import Dispatch
import FakeLLMServer
import Foundation
import Testing

@testable import ChorusProviders

/// A fake server on 127.0.0.1 (port 0, real sockets) and one HTTP client, both shut down at the
/// end of the test whatever happens.
struct Harness {
    let server: FakeLLMServer
    let http: ProviderHTTPClient

    static let secretKey = "sk-test-SECRET-0123456789"

    func openAI(
        key: String? = secretKey, retry: RetryPolicy = .never, clock: any Clock<Duration> = ContinuousClock(),
        extraHeaders: [String: String] = [:], baseURL: String? = nil
    ) throws -> OpenAICompatibleModel {
        try OpenAICompatibleModel(
            settings: ProviderSettings(
                kind: .openai, baseURL: baseURL ?? server.baseURL, apiKey: key, extraHeaders: extraHeaders, retry: retry
            ),
            http: http, clock: clock
        )
    }

    func anthropic(
        key: String? = secretKey, retry: RetryPolicy = .never, clock: any Clock<Duration> = ContinuousClock(),
        extraHeaders: [String: String] = [:]
    ) throws -> AnthropicModel {
        try AnthropicModel(
            settings: ProviderSettings(
                kind: .anthropic, baseURL: server.rootURL, apiKey: key, extraHeaders: extraHeaders, retry: retry
            ),
            http: http, clock: clock
        )
    }
}

func withHarness<T: Sendable>(
    script: FakeScript = FakeScript(), connections: Int = 8, _ body: (Harness) async throws -> T
) async throws -> T {
    let server = try await FakeLLMServer.start(script: script)
    let http = ProviderHTTPClient(maxConnectionsPerHost: connections, connectTimeout: .seconds(5))
    do {
        let result = try await body(Harness(server: server, http: http))
        try await http.shutdown()
        await server.stop()
        return result
    } catch {
        try? await http.shutdown()
        await server.stop()
        throw error
    }
}

/// How long a test waits (in real time) for a task to sleep on a manual clock. Generous: on a
/// loaded two-core machine a task can take seconds to get there; a pass never waits that long.
let sleeperWait: Duration = .seconds(30)

extension Task where Failure == Never {
    /// The task's result; cancelling the waiting test (e.g. its time limit) cancels the task too,
    /// so a stream stuck on a manual clock fails the test instead of hanging the whole run.
    var valueOrCancel: Success {
        get async {
            await withTaskCancellationHandler { await value } onCancel: { cancel() }
        }
    }
}

/// Starts the `fake-llm-server` executable with `arguments` (after `--port 0`) and reads the
/// port it bound. The caller terminates the process.
func startFakeServerProcess(_ binary: URL, _ arguments: [String]) async throws -> (Process, Int) {
    let process = Process()
    process.executableURL = binary
    process.arguments = ["--port", "0"] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    guard let port = Int(await firstLine(of: output.fileHandleForReading)) else {
        process.terminate()
        throw FakeServerStartFailed()
    }
    return (process, port)
}

struct FakeServerStartFailed: Error, CustomStringConvertible {
    var description: String { "fake-llm-server did not print its port" }
}

/// Reads the first line a child process prints, without blocking a thread of Swift's
/// cooperative pool (a blocked pool thread would stall every other test).
func firstLine(of handle: FileHandle) async -> String {
    await withCheckedContinuation { continuation in
        DispatchQueue.global().async {
            var data = Data()
            while !data.contains(UInt8(ascii: "\n")) {
                let more = handle.availableData
                if more.isEmpty { break }
                data.append(more)
            }
            let line = String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
            continuation.resume(returning: line)
        }
    }
}

/// Everything a stream produced, and how it ended.
struct Collected: Sendable {
    var chunks: [ChatChunk] = []
    var error: (any Error)?

    var text: String {
        chunks.reduce(into: "") { text, chunk in
            if case .text(let piece) = chunk { text += piece }
        }
    }

    var textChunks: Int { chunks.filter { if case .text = $0 { true } else { false } }.count }

    var usage: TokenUsage? {
        chunks.compactMap { if case .usage(let usage) = $0 { usage } else { nil } }.last
    }

    var retries: [Int] {
        chunks.compactMap { if case .retrying(let attempt, _) = $0 { attempt } else { nil } }
    }

    var retryReasons: [String] {
        chunks.compactMap { if case .retrying(_, let reason) = $0 { reason } else { nil } }
    }

    var providerError: ProviderError? { error as? ProviderError }
}

func collect(_ stream: AsyncThrowingStream<ChatChunk, any Error>) async -> Collected {
    var collected = Collected()
    do {
        for try await chunk in stream { collected.chunks.append(chunk) }
    } catch {
        collected.error = error
    }
    return collected
}

func chatRequest(model: String, focus: String? = "Focus on cost.", maxTokens: Int? = 64, temperature: Double = 0.4)
    -> ChatRequest
{
    var messages: [ChatMessage] = []
    if let focus { messages.append(.system(focus)) }
    messages.append(.user("Should a five-person startup use microservices?"))
    return ChatRequest(messages: messages, temperature: temperature, maxTokens: maxTokens, model: model)
}

/// Checks the contract every error message keeps: one line, provider and URL named, a fix,
/// and no secret.
func expectOneClearLine(_ error: ProviderError?, provider: ProviderKind, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let error else {
        Issue.record("expected a ProviderError", sourceLocation: sourceLocation)
        return
    }
    let line = error.description
    #expect(!line.contains("\n") && !line.contains("\r"), "not one line: \(line)", sourceLocation: sourceLocation)
    #expect(line.hasPrefix("\(provider.rawValue) at http"), "no provider/URL: \(line)", sourceLocation: sourceLocation)
    #expect(line.contains("; fix: "), "no fix: \(line)", sourceLocation: sourceLocation)
    #expect(!line.contains(Harness.secretKey), "key leaked: \(line)", sourceLocation: sourceLocation)
    #expect(!line.contains("\u{1B}"), "escape character: \(line)", sourceLocation: sourceLocation)
}
