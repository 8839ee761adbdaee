import NIOCore
import NIOHTTP1
import NIOPosix

/// A real HTTP server on a local port that plays an LLM provider, for tests, end-to-end
/// scripts and benchmarks. It speaks both wire formats Chorus uses:
///
/// - `POST /v1/chat/completions` (OpenAI-compatible; streamed when the body says `stream: true`)
/// - `POST /v1/messages` (Anthropic Messages)
/// - `GET /v1/models` (a one-model list, for discovery probes)
/// - `GET /_fake/requests`: the journal as JSON; `POST /_fake/reset`: clears it.
///
/// A server-wide rate limit and a storm of 429s (`FakeScript.rateLimit`, `FakeScript.storm`)
/// judge every chat request first. Then each chat request's behaviour comes from the script
/// (`FakeScript`: rules, a closure) or from directives the request carries in its model name
/// or in `[[fake:...]]` markers (`FakeDirectives`), so one server can make one worker fail and
/// the others succeed.
/// Everything it sees lands in `journal` (headers, bodies, whether the client hung up early,
/// how many requests were open at once). See `Sources/FakeLLMServer/README.md`.
///
/// Timing is real (it is a real server): keep delays small in tests.
public final class FakeLLMServer: Sendable {
    public let host: String
    public let port: Int
    public let journal: FakeJournal
    /// The listening socket; closing it is how the server stops (see `stop()`).
    private let listener: any Channel
    private let serverTask: Task<Void, Never>

    /// `http://HOST:PORT/v1`, the base URL an OpenAI-compatible client wants.
    public var baseURL: String { "http://\(host):\(port)/v1" }
    /// `http://HOST:PORT`, the base URL an Anthropic client wants.
    public var rootURL: String { "http://\(host):\(port)" }

    private init(host: String, port: Int, journal: FakeJournal, listener: any Channel, serverTask: Task<Void, Never>) {
        self.host = host
        self.port = port
        self.journal = journal
        self.listener = listener
        self.serverTask = serverTask
    }

    /// Binds `host:port` (port 0 picks a free one; read `port`) and starts serving.
    /// `log` gets one line per request (the executable's `--verbose`).
    public static func start(
        host: String = "127.0.0.1", port: Int = 0, script: FakeScript = FakeScript(),
        log: (@Sendable (String) -> Void)? = nil
    ) async throws -> FakeLLMServer {
        let journal = FakeJournal(limiter: FakeRateLimiter(rateLimit: script.rateLimit, storm: script.storm))
        let responder = FakeResponder(script: script, journal: journal, log: log)
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel
                    )
                }
            }
        let boundPort = server.channel.localAddress?.port ?? port
        // The accept loop is never cancelled: every accepted connection must reach `serve`,
        // which finishes its NIOAsyncChannel (one dropped unfinished traps in debug builds).
        // Stopping closes the listener instead; the loop then drains what was accepted and
        // ends, and only then are the open connections (stalled ones too) cancelled.
        let task = Task<Void, Never> {
            _ = try? await server.executeThenClose { connections in
                await withDiscardingTaskGroup { group in
                    do {
                        for try await connection in connections {
                            group.addTask { await responder.serve(connection) }
                        }
                    } catch {
                        // The listening socket failed; nothing more will be accepted.
                    }
                    group.cancelAll()
                }
            }
        }
        return FakeLLMServer(host: host, port: boundPort, journal: journal, listener: server.channel, serverTask: task)
    }

    /// Stops listening and closes every connection, stalled ones included.
    public func stop() async {
        listener.close(promise: nil)
        await serverTask.value
    }

    /// Serves until the task calling this is cancelled (the executable's main loop).
    public func run() async {
        await withTaskCancellationHandler {
            await serverTask.value
        } onCancel: {
            listener.close(promise: nil)
        }
    }
}
