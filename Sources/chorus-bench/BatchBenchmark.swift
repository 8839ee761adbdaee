import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `chorus batch` end to end: the real `chorus` binary against `fake-llm-server`, both as their
/// own processes, so the figures are the client's alone (`getrusage(RUSAGE_CHILDREN)` after the
/// batch exits) and the rate is what the server saw.
///
/// Every call waits 100 ms before its response head, then streams 20 tokens 5 ms apart: 200 ms a
/// call. An item is 3 workers at once, then the aggregator: 400 ms. So with 64 items in flight
/// the server allows at most 64 / 0.4 s = 160 items/s, the ideal the run is measured against.
/// The second run sets `--rpm`; its achieved request rate (as the server's journal records it)
/// is compared with the limit. The third sets none against a server that answers 429 above its
/// own limit: the adaptive limiter has to find that rate, and no item may fail.
///
///   swift build -c release --product chorus --product fake-llm-server --product chorus-bench
///   .build/release/chorus-bench batch [--items 1000] [--concurrency 64] [--rpm 6000] [--rpm-items 500] [--server-rpm 3000]
enum BatchBenchmark {
    struct Options {
        var items = 1000
        var concurrency = 64
        var rpm = 6000.0
        var rpmItems = 500
        var serverRPM = 3000.0
    }

    static let callMs = 100.0 + 20 * 5
    static let callsPerItem = 4

    static func run(arguments: [String]) async throws {
        let options = try parse(arguments)
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let chorus = folder.appendingPathComponent("chorus").path
        let serverPath = folder.appendingPathComponent("fake-llm-server").path
        for path in [chorus, serverPath] where !FileManager.default.isExecutableFile(atPath: path) {
            throw BenchmarkError("\(path) is not built; swift build -c release --product chorus --product fake-llm-server")
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-bench-batch-\(getpid())").path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (server, port) = try ProviderBenchmark.startServer(serverPath)
        defer { server.terminate() }

        let idealPerSecond = Double(options.concurrency) / (Double(callsPerItem / 2) * callMs / 1000)
        print("chorus batch: \(options.items) items x 3 workers + aggregator, fake server: 100 ms to the head, 20 tokens 5 ms apart")
        let free = try runBatch(chorus, work: work, port: port, items: options.items, concurrency: options.concurrency, rpm: nil)
        let perSecond = Double(free.items) / free.wallSeconds
        print("  --concurrency \(options.concurrency): \(free.items) items in \(Measure.format(free.wallSeconds, 2)) s = \(Measure.format(perSecond)) items/s; ideal \(Measure.format(idealPerSecond)) items/s (ratio \(Measure.format(perSecond / idealPerSecond, 2)))")
        print("    client CPU \(Measure.format(free.cpuSeconds / Double(free.items) * 1000, 2)) ms per item (\(Measure.format(free.cpuSeconds, 2)) s in all), peak memory \(Measure.format(free.peakMiB)) MiB, \(free.requests) requests")

        let limited = try runBatch(chorus, work: work, port: port, items: options.rpmItems, concurrency: options.concurrency, rpm: options.rpm)
        let achieved = limited.requestsPerMinute
        print("  --rpm \(Measure.format(options.rpm, 0)) (\(options.rpmItems) items): the server saw \(Measure.format(achieved, 0)) requests/min over \(Measure.format(limited.requestSpanSeconds, 1)) s = \(Measure.format(achieved / options.rpm * 100, 1))% of the limit; \(Measure.format(Double(limited.items) / limited.wallSeconds * 60, 0)) items/min (limit allows \(Measure.format(options.rpm / Double(callsPerItem), 0)))")
        print("    client CPU \(Measure.format(limited.cpuSeconds / Double(limited.items) * 1000, 2)) ms per item, 429s from the server: \(limited.rateLimited)")

        // No --rpm, but the server only takes `serverRPM`: the limiter must find the rate itself.
        let (limitingServer, limitingPort) = try ProviderBenchmark.startServer(serverPath, extra: ["--rpm", Measure.format(options.serverRPM, 0), "--burst", "20"])
        defer { limitingServer.terminate() }
        let adaptive = try runBatch(chorus, work: work, port: limitingPort, items: options.rpmItems, concurrency: options.concurrency, rpm: nil)
        print("  no --rpm, the server allows \(Measure.format(options.serverRPM, 0))/min (429 above): \(adaptive.items) of \(options.rpmItems) items succeeded, accepted \(Measure.format(adaptive.requestsPerMinute, 0)) requests/min = \(Measure.format(adaptive.requestsPerMinute / options.serverRPM * 100, 1))% of the server's limit, \(adaptive.rateLimited) requests got 429, \(Measure.format(adaptive.wallSeconds, 1)) s")
    }

    struct Result {
        var items: Int
        var wallSeconds: Double
        var cpuSeconds: Double
        var peakMiB: Double
        var requests: Int
        var requestSpanSeconds: Double
        var rateLimited: Int
        var requestsPerMinute: Double { requestSpanSeconds > 0 ? Double(max(0, requests - 1)) / requestSpanSeconds * 60 : 0 }
    }

    static func runBatch(_ chorus: String, work: String, port: Int, items: Int, concurrency: Int, rpm: Double?) throws -> Result {
        _ = try admin(port: port, method: "POST", path: "/_fake/reset")
        let input = work + "/items-\(items).jsonl"
        let out = work + "/out-\(UUID().uuidString).jsonl"
        let lines = (1...items).map { "{\"id\":\"item-\($0)\",\"text\":\"support ticket number \($0): the app crashes on start\"}\n" }
        try Data(lines.joined().utf8).write(to: URL(fileURLWithPath: input))
        var arguments = [
            "batch", input, "--out", out, "--prompt", "Summarise for a support lead: {text}", "--provider", "openai",
            "--base-url", "http://127.0.0.1:\(port)/v1", "--model", "delay-100+tokens-20+interval-5", "--strategy", "synthesize",
            "--concurrency", "\(concurrency)", "--timeout", "60", "--json", "--quiet",
        ]
        if let rpm { arguments += ["--rpm", Measure.format(rpm, 0)] }
        let before = childUsage()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chorus)
        process.arguments = arguments
        process.environment = ["HOME": work, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        let start = ContinuousClock.now
        try process.run()
        let summaryData = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let wall = ContinuousClock.now - start
        let after = childUsage()
        guard process.terminationStatus == 0 else {
            throw BenchmarkError("chorus batch exited with \(process.terminationStatus): \(String(decoding: summaryData, as: UTF8.self))")
        }
        let summary = try JSONSerialization.jsonObject(with: summaryData) as? [String: Any]
        let succeeded = summary?["succeeded"] as? Int ?? 0
        guard succeeded == items else { throw BenchmarkError("only \(succeeded) of \(items) items succeeded") }

        let journal = try JSONSerialization.jsonObject(with: try admin(port: port, method: "GET", path: "/_fake/requests")) as? [String: Any]
        let requests = (journal?["requests"] as? [[String: Any]] ?? []).filter { ($0["status"] as? Int) != 429 }
        let opened = requests.compactMap { $0["opened_at_ms"] as? Double }
        let span = ((opened.max() ?? 0) - (opened.min() ?? 0)) / 1000
        let (seconds, attoseconds) = wall.components
        return Result(
            items: items, wallSeconds: Double(seconds) + Double(attoseconds) / 1e18, cpuSeconds: after.cpu - before.cpu,
            peakMiB: after.peakMiB, requests: requests.count, requestSpanSeconds: span,
            rateLimited: journal?["rate_limited"] as? Int ?? 0)
    }

    /// CPU seconds and peak memory (the largest of them) of the children this process waited for.
    static func childUsage() -> (cpu: Double, peakMiB: Double) {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return (user + system, Double(usage.ru_maxrss) / 1024)
    }

    static func admin(port: Int, method: String, path: String) throws -> Data {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        let result = SyncBox()
        let task = URLSession.shared.dataTask(with: request) { data, _, error in
            result.set(data, error)
        }
        task.resume()
        return try result.wait()
    }

    /// Waits for a URLSession callback from synchronous code.
    final class SyncBox: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var data: Data?
        private var error: (any Error)?
        func set(_ data: Data?, _ error: (any Error)?) {
            self.data = data
            self.error = error
            done.signal()
        }
        func wait() throws -> Data {
            done.wait()
            if let error { throw error }
            return data ?? Data()
        }
    }

    private static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard let value = rest.popFirst(), let number = Double(value), number > 0 else {
                throw BenchmarkError("\(argument) needs a positive number")
            }
            switch argument {
            case "--items": options.items = Int(number)
            case "--concurrency": options.concurrency = Int(number)
            case "--rpm": options.rpm = number
            case "--rpm-items": options.rpmItems = Int(number)
            case "--server-rpm": options.serverRPM = number
            default: throw BenchmarkError("unknown option \(argument); use --items, --concurrency, --rpm, --rpm-items, --server-rpm")
            }
        }
        return options
    }
}
