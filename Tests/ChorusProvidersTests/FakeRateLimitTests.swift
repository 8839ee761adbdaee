import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@testable import ChorusProviders
@testable import FakeLLMServer

/// The fake server's server-wide rate limit and storms: the pure limiter with explicit times,
/// then the real server over HTTP. The real-time tests never depend on how fast the machine
/// is: their buckets refill in 10 s or more (so "quick" requests stay quick enough on any
/// machine), and where they wait, they wait at least what the server announced.
@Suite(.timeLimit(.minutes(1))) struct FakeRateLimitTests {
    // MARK: - The limiter, with explicit times

    private static func ms(_ value: Int) -> Duration { .milliseconds(value) }

    @Test func theBucketStartsFullLetsABurstThroughAndRefillsAtTheRate() {
        var limiter = FakeRateLimiter(rateLimit: FakeRateLimit(requestsPerMinute: 60, burst: 2))
        #expect(limiter.admit(at: .zero) == .accept)
        #expect(limiter.admit(at: .zero) == .accept)
        // Empty: the next token comes at 1 s (60 per minute), and the 429 says exactly that.
        #expect(limiter.admit(at: .zero) == .reject(retryAfter: .seconds(1), cause: .rateLimit))
        #expect(limiter.admit(at: Self.ms(400)) == .reject(retryAfter: Self.ms(600), cause: .rateLimit))
        // A turned-away request takes no token: the one due at 1 s is still there.
        #expect(limiter.admit(at: Self.ms(999)) == .reject(retryAfter: Self.ms(1), cause: .rateLimit))
        #expect(limiter.admit(at: .seconds(1)) == .accept)
        #expect(limiter.admit(at: .seconds(1)) == .reject(retryAfter: .seconds(1), cause: .rateLimit))
        // Idle long enough, the bucket is full again, but never fuller than the burst.
        #expect(limiter.admit(at: .seconds(60)) == .accept)
        #expect(limiter.admit(at: .seconds(60)) == .accept)
        #expect(limiter.admit(at: .seconds(60)) == .reject(retryAfter: .seconds(1), cause: .rateLimit))
        #expect(limiter.accepted == 5)
        #expect(limiter.rejected == 5)
    }

    @Test func theSustainedRateIsRequestsPerMinuteAfterTheBurst() {
        // 600 per minute (one token per 100 ms), burst 5, a request every 10 ms for 10 s.
        var limiter = FakeRateLimiter(rateLimit: FakeRateLimit(requestsPerMinute: 600, burst: 5))
        var acceptedAt: [Int] = []
        for t in stride(from: 0, to: 10_000, by: 10) where limiter.admit(at: Self.ms(t)) == .accept {
            acceptedAt.append(t)
        }
        #expect(Array(acceptedAt.prefix(5)) == [0, 10, 20, 30, 40])  // the burst
        #expect(Array(acceptedAt.dropFirst(5).prefix(3)) == [100, 200, 300])  // then one per 100 ms
        #expect(acceptedAt.count == 5 + 99)
        #expect(limiter.rejected == 1000 - acceptedAt.count)
    }

    @Test func theBurstDefaultsToOneSecondsWorth() {
        #expect(FakeRateLimit(requestsPerMinute: 600).burst == 10)
        #expect(FakeRateLimit(requestsPerMinute: 6000).burst == 100)
        #expect(FakeRateLimit(requestsPerMinute: 60).burst == 1)
        #expect(FakeRateLimit(requestsPerMinute: 5).burst == 1)
        #expect(FakeRateLimit(requestsPerMinute: 5, burst: 3).burst == 3)
    }

    @Test func aFixedRetryAfterReplacesTheExactWait() {
        var limiter = FakeRateLimiter(rateLimit: FakeRateLimit(requestsPerMinute: 60, burst: 1, retryAfterMs: 200))
        #expect(limiter.admit(at: .zero) == .accept)
        #expect(limiter.admit(at: Self.ms(10)) == .reject(retryAfter: Self.ms(200), cause: .rateLimit))
        #expect(limiter.admit(at: Self.ms(990)) == .reject(retryAfter: Self.ms(200), cause: .rateLimit))
        #expect(limiter.admit(at: .seconds(1)) == .accept)
    }

    @Test func waitsAreExactAndTheHeadersRoundThemUp() {
        // 7 per minute: one token every 60/7 s = 8571.428... ms.
        var limiter = FakeRateLimiter(rateLimit: FakeRateLimit(requestsPerMinute: 7, burst: 1))
        #expect(limiter.admit(at: .zero) == .accept)
        let decision = limiter.admit(at: .zero)
        #expect(decision == .reject(retryAfter: .seconds(60) / 7, cause: .rateLimit))
        guard case .reject(let wait, _) = decision else { return }
        #expect(FakeRateLimiter.headerValues(for: wait) == (8572, 9))

        #expect(FakeRateLimiter.headerValues(for: .nanoseconds(1)) == (1, 1))
        #expect(FakeRateLimiter.headerValues(for: .milliseconds(200)) == (200, 1))
        #expect(FakeRateLimiter.headerValues(for: .milliseconds(1000)) == (1000, 1))
        #expect(FakeRateLimiter.headerValues(for: .microseconds(1_000_001)) == (1001, 2))
        #expect(FakeRateLimiter.headerValues(for: .seconds(60)) == (60_000, 60))
        #expect(FakeRateLimiter.headerValues(for: .zero) == (0, 0))
    }

    @Test func aStormStartsWithTheFirstRequestAfterItsCountAndLastsItsDuration() {
        var limiter = FakeRateLimiter(storm: FakeStorm(afterRequests: 2, durationMs: 1000, retryAfterMs: 500))
        #expect(limiter.admit(at: .zero) == .accept)
        #expect(limiter.admit(at: Self.ms(100)) == .accept)
        #expect(limiter.stormStartedAt == nil)
        // The third request, whenever it comes, starts the storm.
        let storm = FakeRateLimiter.Decision.reject(retryAfter: Self.ms(500), cause: .storm)
        #expect(limiter.admit(at: .seconds(5)) == storm)
        #expect(limiter.stormStartedAt == .seconds(5))
        #expect(limiter.admit(at: Self.ms(5500)) == storm)
        #expect(limiter.admit(at: Self.ms(5999)) == storm)
        // Over at start + duration, and it does not come back.
        #expect(limiter.admit(at: .seconds(6)) == .accept)
        for t in 6..<20 { #expect(limiter.admit(at: .seconds(t)) == .accept) }
        #expect(limiter.rejected == 3)

        var atOnce = FakeRateLimiter(storm: FakeStorm(afterRequests: 0, durationMs: 10, retryAfterMs: 0))
        #expect(atOnce.admit(at: .seconds(3)) == .reject(retryAfter: .zero, cause: .storm))
        #expect(atOnce.admit(at: Self.ms(3010)) == .accept)
    }

    @Test func aStormComesFirstAndTakesNoTokens() {
        var limiter = FakeRateLimiter(
            rateLimit: FakeRateLimit(requestsPerMinute: 60, burst: 2, retryAfterMs: 700),
            storm: FakeStorm(afterRequests: 1, durationMs: 2000, retryAfterMs: 300)
        )
        #expect(limiter.admit(at: .zero) == .accept)
        #expect(limiter.admit(at: .zero) == .reject(retryAfter: Self.ms(300), cause: .storm))
        #expect(limiter.admit(at: .seconds(1)) == .reject(retryAfter: Self.ms(300), cause: .storm))
        // After the storm the bucket is full (2), not drained by the storm's requests.
        #expect(limiter.admit(at: .seconds(2)) == .accept)
        #expect(limiter.admit(at: .seconds(2)) == .accept)
        #expect(limiter.admit(at: .seconds(2)) == .reject(retryAfter: Self.ms(700), cause: .rateLimit))
        var fresh = limiter.fresh  // what POST /_fake/reset does
        #expect(fresh.stormStartedAt == nil && fresh.accepted == 0 && fresh.rejected == 0)
        #expect(fresh.admit(at: .seconds(2)) == .accept)
        #expect(fresh.admit(at: .seconds(2)) == .reject(retryAfter: Self.ms(300), cause: .storm))
    }

    @Test func withoutLimitsEverythingIsAccepted() {
        var limiter = FakeRateLimiter()
        for _ in 0..<1000 { #expect(limiter.admit(at: .zero) == .accept) }
        #expect(limiter.accepted == 1000)
    }

    // MARK: - Scripts

    @Test func scriptsCarryRateLimitsAndStormsAndRejectBadValues() throws {
        let script = try FakeScript.load(
            json: Data(
                #"{"rateLimit":{"requestsPerMinute":600,"burst":10,"retryAfterMs":200},"storm":{"afterRequests":50,"durationMs":2000,"retryAfterMs":500}}"#
                    .utf8)
        )
        #expect(script.rateLimit == FakeRateLimit(requestsPerMinute: 600, burst: 10, retryAfterMs: 200))
        #expect(script.storm == FakeStorm(afterRequests: 50, durationMs: 2000, retryAfterMs: 500))

        let defaults = try FakeScript.load(json: Data(#"{"rateLimit":{"requestsPerMinute":1200}}"#.utf8))
        #expect(defaults.rateLimit == FakeRateLimit(requestsPerMinute: 1200, burst: 20, retryAfterMs: nil))
        #expect(defaults.storm == nil)
        #expect(try FakeScript.load(json: Data("{}".utf8)).rateLimit == nil)

        for bad in [
            #"{"rateLimit":{"requestsPerMinute":0}}"#,
            #"{"rateLimit":{"requestsPerMinute":60,"burst":0}}"#,
            #"{"rateLimit":{"requestsPerMinute":60,"retryAfterMs":-1}}"#,
            #"{"rateLimit":{"burst":3}}"#,
            #"{"storm":{"afterRequests":5,"durationMs":0,"retryAfterMs":1}}"#,
            #"{"storm":{"afterRequests":-1,"durationMs":10,"retryAfterMs":1}}"#,
            #"{"storm":{"afterRequests":5,"durationMs":10}}"#,
        ] {
            #expect(throws: DecodingError.self, "\(bad)") { _ = try FakeScript.load(json: Data(bad.utf8)) }
        }
        do {
            _ = try FakeScript.load(json: Data(#"{"rateLimit":{"requestsPerMinute":0}}"#.utf8))
        } catch {
            #expect("\(error)".contains("rateLimit: requestsPerMinute must be at least 1 (got 0)"))
        }
    }

    // MARK: - The real server

    @Test func overTheLimitARequestGets429WithTheWaitWhateverItAskedFor() async throws {
        // 6 per minute (a token every 10 s), burst 2: three quick requests, two pass.
        let script = FakeScript(rateLimit: FakeRateLimit(requestsPerMinute: 6, burst: 2))
        try await withHarness(script: script) { h in
            let first = try await post(h, model: "tokens-3")
            let second = try await post(h, model: "tokens-3")
            // It asks for a 500, but the limit comes first.
            let third = try await post(h, model: "fail-500+tokens-3")
            #expect(first.status == 200)
            #expect(second.status == 200)
            #expect(third.status == 429)

            let ms = try #require(third.headers.first(name: "retry-after-ms").flatMap { Int($0) })
            #expect((1...10_000).contains(ms))  // the exact wait for the next token
            #expect(third.headers.first(name: "retry-after") == "\((ms + 999) / 1000)")
            let error = try #require(third.json["error"] as? [String: Any])  // OpenAI's dialect
            #expect(error["code"] as? Int == 429)
            #expect((error["message"] as? String)?.contains("rate limit of 6 requests per minute (burst 2) exceeded") == true)

            // The journal knows, before the client has the answer.
            #expect(h.server.journal.acceptedCount == 2)
            #expect(h.server.journal.rateLimitedCount == 1)
            let requests = h.server.journal.requests
            #expect(requests.map(\.status) == [200, 200, 429])
            #expect(requests.map(\.limitedBy) == [nil, nil, .rateLimit])
            #expect(requests[0].openedAtMs <= requests[1].openedAtMs && requests[1].openedAtMs <= requests[2].openedAtMs)

            // Discovery and the journal itself are never limited.
            for _ in 0..<3 { #expect(try await get(h, "/v1/models").status == 200) }
            let journal = try await get(h, "/_fake/requests")
            #expect(journal.status == 200)
            #expect(journal.json["accepted"] as? Int == 2)
            #expect(journal.json["rate_limited"] as? Int == 1)
            let recorded = try #require(journal.json["requests"] as? [[String: Any]])
            #expect(recorded.map { $0["status"] as? Int } == [200, 200, 429])
            #expect(recorded.map { $0["limited_by"] as? String } == [nil, nil, "rate_limit"])
            #expect(recorded.allSatisfy { $0["opened_at_ms"] is Double })

            // A reset refills the bucket and zeroes the counters.
            #expect(try await post(h, path: "/_fake/reset").status == 200)
            #expect(h.server.journal.acceptedCount == 0 && h.server.journal.rateLimitedCount == 0)
            #expect(try await post(h, model: "tokens-3").status == 200)
        }
    }

    @Test func anthropicRequestsGetAnAnthropic429WithTheFixedRetryAfter() async throws {
        let script = FakeScript(rateLimit: FakeRateLimit(requestsPerMinute: 1, burst: 1, retryAfterMs: 250))
        try await withHarness(script: script) { h in
            #expect(try await post(h, path: "/v1/messages", model: "tokens-3").status == 200)
            let limited = try await post(h, path: "/v1/messages", model: "tokens-3")
            #expect(limited.status == 429)
            #expect(limited.headers.first(name: "retry-after-ms") == "250")
            #expect(limited.headers.first(name: "retry-after") == "1")
            #expect(limited.json["type"] as? String == "error")
            #expect((limited.json["error"] as? [String: Any])?["type"] as? String == "rate_limit_error")
        }
    }

    @Test func aClientThatWaitsTheAnnouncedTimeIsLetThrough() async throws {
        // One token per 500 ms, burst 1. Back-to-back requests soon meet an empty bucket;
        // waiting what the 429 said always finds a token (time only moves forward).
        let script = FakeScript(rateLimit: FakeRateLimit(requestsPerMinute: 120, burst: 1))
        try await withHarness(script: script) { h in
            var limited: Reply?
            for _ in 0..<50 {
                let reply = try await post(h, model: "tokens-1")
                if reply.status == 429 {
                    limited = reply
                    break
                }
                #expect(reply.status == 200)
            }
            let reply = try #require(limited, "50 back-to-back requests never met the limit")
            let ms = try #require(reply.headers.first(name: "retry-after-ms").flatMap { Int($0) })
            #expect((1...500).contains(ms))
            try await Task.sleep(for: .milliseconds(ms))
            #expect(try await post(h, model: "tokens-1").status == 200)
        }
    }

    @Test func aStormTurnsEveryoneAwayForItsDurationThenServiceResumes() async throws {
        let script = FakeScript(storm: FakeStorm(afterRequests: 2, durationMs: 300, retryAfterMs: 50))
        try await withHarness(script: script) { h in
            #expect(try await post(h, model: "tokens-2").status == 200)
            #expect(try await post(h, path: "/v1/messages", model: "tokens-2").status == 200)
            let storm = try await post(h, model: "tokens-2")  // starts the storm
            #expect(storm.status == 429)
            #expect(storm.headers.first(name: "retry-after-ms") == "50")
            #expect(storm.headers.first(name: "retry-after") == "1")
            #expect((storm.json["error"] as? [String: Any])?["message"] as? String
                == "fake-llm-server: rate limited (scripted storm); retry in 50 ms")
            #expect(h.server.journal.requests.last?.limitedBy == .storm)
            // The storm began when its first request arrived, before this client had the answer.
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await post(h, model: "tokens-2").status == 200)
            #expect(try await post(h, model: "tokens-2").status == 200)
            #expect(h.server.journal.acceptedCount == 4)
            #expect(h.server.journal.rateLimitedCount == 1)
        }
    }

    // MARK: - The executable

    @Test func theExecutableTakesRateLimitFlags() async throws {
        let binary = try fakeServerBinary()
        // A token a minute, burst 2; a storm after 2 requests lasting 1 ms.
        let (process, port) = try await startFakeServerProcess(
            binary, ["--rpm", "1", "--burst", "2", "--retry-after-ms", "700", "--storm", "2:1:300"])
        defer { process.terminate() }

        let http = ProviderHTTPClient(maxConnectionsPerHost: 2, connectTimeout: .seconds(5))
        do {
            let root = "http://127.0.0.1:\(port)"
            let first = try await send(http, root + "/v1/chat/completions", model: "a")
            let second = try await send(http, root + "/v1/chat/completions", model: "b")
            let storm = try await send(http, root + "/v1/chat/completions", model: "c")
            try await Task.sleep(for: .milliseconds(20))  // the 1 ms storm is over
            let limited = try await send(http, root + "/v1/chat/completions", model: "d")
            let journal = try await send(http, root + "/_fake/requests", method: .GET)
            try await http.shutdown()

            #expect(first.status == 200 && second.status == 200)
            #expect(storm.status == 429 && storm.headers.first(name: "retry-after-ms") == "300")
            #expect(limited.status == 429 && limited.headers.first(name: "retry-after-ms") == "700")
            #expect(journal.json["accepted"] as? Int == 2)
            #expect(journal.json["rate_limited"] as? Int == 2)
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    @Test(arguments: [
        (["--rpm", "0"], "--rpm '0' is not a number of requests per minute"),
        (["--rpm", "many"], "--rpm 'many' is not a number of requests per minute"),
        (["--rpm", "60", "--burst", "0"], "--burst '0' is not a number of requests"),
        (["--rpm", "60", "--retry-after-ms", "-5"], "--retry-after-ms '-5' is not a number of milliseconds"),
        (["--burst", "3"], "--burst and --retry-after-ms shape the rate limit of --rpm; add --rpm N"),
        (["--storm", "50:2000"], "--storm '50:2000' is not AFTER:DURATION_MS:RETRY_AFTER_MS"),
        (["--storm", "50:0:500"], "--storm's DURATION_MS '0' is not a number of milliseconds"),
        (["--storm", "x:10:500"], "--storm's AFTER 'x' is not a number of requests"),
    ])
    func theExecutableRejectsBadRateLimitFlags(arguments: [String], message: String) async throws {
        let (status, _, stderr) = try await runToExit(try fakeServerBinary(), arguments)
        #expect(status == 2)
        #expect(stderr.hasPrefix("fake-llm-server: " + message), "\(stderr)")
    }

    @Test func theExecutableHelpNamesTheRateLimitFlags() async throws {
        let (status, stdout, _) = try await runToExit(try fakeServerBinary(), ["--help"])
        #expect(status == 0)
        for flag in ["--rpm N", "--burst B", "--retry-after-ms MS", "--storm AFTER:DURATION_MS:RETRY_AFTER_MS"] {
            #expect(stdout.contains(flag), "\(flag)")
        }
    }
}

// MARK: - Plumbing

/// One HTTP answer, read whole.
private struct Reply: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: String

    /// The body as a JSON object (empty when it is not one).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
    }
}

private func send(
    _ http: ProviderHTTPClient, _ url: String, method: HTTPMethod = .POST, model: String? = nil
) async throws -> Reply {
    var request = HTTPClientRequest(url: url)
    request.method = method
    if let model {
        request.headers.add(name: "content-type", value: "application/json")
        let body = #"{"model":"\#(model)","max_tokens":16,"stream":false,"messages":[{"role":"user","content":"hi"}]}"#
        request.body = .bytes(ByteBuffer(string: body))
    }
    let response = try await http.client.execute(request, timeout: .seconds(30))
    let body = try await response.body.collect(upTo: 1 << 24)
    return Reply(status: Int(response.status.code), headers: response.headers, body: String(buffer: body))
}

private func post(_ h: Harness, path: String = "/v1/chat/completions", model: String? = nil) async throws -> Reply {
    try await send(h.http, h.server.rootURL + path, model: model)
}

private func get(_ h: Harness, _ path: String) async throws -> Reply {
    try await send(h.http, h.server.rootURL + path, method: .GET)
}

private func fakeServerBinary() throws -> URL {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("fake-llm-server")
    try #require(
        FileManager.default.isExecutableFile(atPath: binary.path),
        "build the fake-llm-server product first (swift build); looked at \(binary.path)"
    )
    return binary
}

/// Runs the executable to its end (it exits at once on --help and on bad flags); the waiting
/// blocks no thread of Swift's cooperative pool. Its output goes to files, not pipes: a pipe's
/// write end can leak into another child spawned at the same moment by a parallel test (a
/// long-running fake server), and reading the pipe to its end would then block a pool thread
/// for as long as that child lives, which on 2 cores stalls every other test.
private func runToExit(_ binary: URL, _ arguments: [String]) async throws -> (Int32, String, String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fake-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let outPath = folder.appendingPathComponent("stdout").path
    let errPath = folder.appendingPathComponent("stderr").path
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.standardOutput = FileHandle(forWritingAtPath: outPath)
    process.standardError = FileHandle(forWritingAtPath: errPath)
    process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
    let status: Int32 = try await withCheckedThrowingContinuation { continuation in
        process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
        do {
            try process.run()
        } catch {
            process.terminationHandler = nil
            continuation.resume(throwing: error)
        }
    }
    let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
    return (status, read(outPath), read(errPath))
}
