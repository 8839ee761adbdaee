import AsyncHTTPClient
import Chorus
import ChorusProviders
import Foundation

/// The provider's cost per streamed chunk, against the fake server as a separate process on
/// loopback (so `getrusage` counts the client alone): N workers at once, each streaming
/// `--chunks` chunks as fast as the server sends them.
///
/// Prints, per N: client CPU time per chunk; the client's wall time against the server's own
/// send time (first response head to last byte, as the server's journal records it), which
/// shows whether the client keeps up; and the peak memory (VmHWM) so far.
///
///   swift build -c release --product fake-llm-server --product chorus-bench
///   .build/release/chorus-bench providers [--sizes 3,64,256] [--chunks 500] [--server PATH]
enum ProviderBenchmark {
    struct Options {
        var sizes = [3, 64, 256]
        var chunks = 500
        var server: String?
        var repeats = 3
    }

    static func run(arguments: [String]) async throws {
        let options = try parse(arguments)
        let serverPath =
            options.server
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("fake-llm-server").path
        guard FileManager.default.isExecutableFile(atPath: serverPath) else {
            throw BenchmarkError("no fake-llm-server at \(serverPath); build it (swift build --product fake-llm-server) or pass --server PATH")
        }
        let (process, port) = try startServer(serverPath)
        defer { process.terminate() }

        let http = ProviderHTTPClient(maxConnectionsPerHost: options.sizes.max() ?? 8)
        do {
            let model = try makeModel(
                ProviderSettings(kind: .openai, baseURL: "http://127.0.0.1:\(port)/v1", retry: .never), http: http
            )
            let request = ChatRequest(
                messages: [.user("benchmark")], temperature: 0.5, model: "tokens-\(options.chunks)+interval-0"
            )
            _ = try await round(workers: 3, model: model, request: request, http: http, port: port)  // warm-up

            print("provider streaming cost (OpenAI-compatible, fake-llm-server on loopback, \(options.chunks) chunks per worker, best of \(options.repeats))")
            print("workers  chunks    client CPU/chunk  client wall  server send  wall/send  peak RSS (VmHWM)")
            for n in options.sizes {
                var best: Round?
                for _ in 0..<options.repeats {
                    let result = try await round(workers: n, model: model, request: request, http: http, port: port)
                    guard result.chunks == n * options.chunks else {
                        throw BenchmarkError("\(n) workers received \(result.chunks) chunks, expected \(n * options.chunks): \(result.errors)")
                    }
                    if best == nil || result.cpuSeconds < best!.cpuSeconds { best = result }
                }
                guard let best else { continue }
                let perChunk = best.cpuSeconds / Double(best.chunks) * 1e6
                print(
                    pad("\(n)", 8), pad("\(best.chunks)", 9), pad("\(Measure.format(perChunk, 2)) µs", 17),
                    pad("\(Measure.format(best.wallSeconds * 1000)) ms", 12),
                    pad("\(Measure.format(best.serverSendSeconds * 1000)) ms", 12),
                    pad(Measure.format(best.wallSeconds / max(best.serverSendSeconds, 1e-9), 2), 10),
                    "\(Measure.format(Measure.peakMemoryMiB())) MiB"
                )
            }
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }

    struct Round {
        var chunks: Int
        var errors: [String]
        var cpuSeconds: Double
        var wallSeconds: Double
        var serverSendSeconds: Double
    }

    /// One run of `workers` concurrent streams; the text is kept, as the engine keeps it.
    static func round(
        workers: Int, model: any ChatModel, request: ChatRequest, http: ProviderHTTPClient, port: Int
    ) async throws -> Round {
        try await admin(http, port: port, method: .POST, path: "/_fake/reset")
        let cpuStart = Measure.cpuSeconds()
        let start = ContinuousClock.now
        let outcomes = await withTaskGroup(of: (Int, String?).self) { group in
            for _ in 0..<workers {
                group.addTask {
                    var text = ""
                    var chunks = 0
                    do {
                        for try await chunk in model.stream(request) {
                            if case .text(let piece) = chunk {
                                text += piece
                                chunks += 1
                            }
                        }
                        return (chunks, nil)
                    } catch {
                        return (chunks, String(describing: error))
                    }
                }
            }
            return await group.reduce(into: [(Int, String?)]()) { $0.append($1) }
        }
        let wall = ContinuousClock.now - start
        let cpu = Measure.cpuSeconds() - cpuStart

        let journal = try await admin(http, port: port, method: .GET, path: "/_fake/requests")
        let object = try JSONSerialization.jsonObject(with: journal) as? [String: Any]
        let requests = object?["requests"] as? [[String: Any]] ?? []
        let heads = requests.compactMap { $0["head_sent_at_ms"] as? Double }
        let ends = requests.compactMap { $0["ended_at_ms"] as? Double }
        let send = ((ends.max() ?? 0) - (heads.min() ?? 0)) / 1000
        let (seconds, attoseconds) = wall.components
        return Round(
            chunks: outcomes.reduce(0) { $0 + $1.0 }, errors: outcomes.compactMap(\.1), cpuSeconds: cpu,
            wallSeconds: Double(seconds) + Double(attoseconds) / 1e18, serverSendSeconds: send
        )
    }

    // MARK: - Plumbing

    @discardableResult
    private static func admin(_ http: ProviderHTTPClient, port: Int, method: HTTPMethodName, path: String) async throws -> Data {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method == .GET ? .GET : .POST
        let response = try await http.client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return Data(body.readableBytesView)
    }

    enum HTTPMethodName { case GET, POST }

    /// Starts the fake server on a free port and reads the port from its first line; `extra`
    /// flags shape it (e.g. `--rpm 3000`). Shared by the benchmarks that talk to it.
    static func startServer(_ path: String, extra: [String] = []) throws -> (Process, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--host", "127.0.0.1", "--port", "0"] + extra
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let more = output.fileHandleForReading.availableData
            guard !more.isEmpty else { throw BenchmarkError("fake-llm-server exited before printing its port") }
            line.append(more)
        }
        let text = String(decoding: line, as: UTF8.self).split(separator: "\n").first ?? ""
        guard let port = Int(text) else { throw BenchmarkError("fake-llm-server printed '\(text)', not a port") }
        return (process, port)
    }

    private static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard let value = rest.popFirst() else { throw BenchmarkError("\(argument) needs a value") }
            switch argument {
            case "--sizes":
                options.sizes = value.split(separator: ",").compactMap { Int($0) }
                guard !options.sizes.isEmpty, options.sizes.allSatisfy({ $0 > 0 }) else {
                    throw BenchmarkError("--sizes takes positive numbers, e.g. 3,64,256")
                }
            case "--chunks":
                guard let chunks = Int(value), chunks > 0 else { throw BenchmarkError("--chunks takes a positive number") }
                options.chunks = chunks
            case "--repeats":
                guard let repeats = Int(value), repeats > 0 else { throw BenchmarkError("--repeats takes a positive number") }
                options.repeats = repeats
            case "--server":
                options.server = value
            default:
                throw BenchmarkError("unknown option \(argument); use --sizes, --chunks, --repeats, --server")
            }
        }
        return options
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
