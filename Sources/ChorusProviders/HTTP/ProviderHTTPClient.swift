import AsyncHTTPClient
import NIOCore

/// The one HTTP client a Chorus process uses for every model call. Create it once at start,
/// pass it to `makeModel`, and `shutdown()` it before exit (AsyncHTTPClient requires that).
///
/// Why one client, configured here:
/// - AsyncHTTPClient keeps at most 8 HTTP/1.1 connections per host by default and silently
///   queues the rest, so worker 9 of a 16-worker run against one server would wait for
///   worker 1 to finish. The limit is raised to the run's worker count.
/// - A connection attempt gets `connectTimeout`; AsyncHTTPClient's own retrying of failed
///   connection attempts is off, so "connection refused" is reported at once and retried
///   by `RetryPolicy`, visibly, instead of silently until the connect timeout.
/// - No read timeout: the engine owns the total deadline and the idle limit between chunks,
///   and enforces them by cancelling the consuming task, which closes the connection.
/// - Bodies compressed with `gzip` or `deflate` are decoded by AsyncHTTPClient itself (its
///   `decompression` option, zlib through swift-nio-extras), since a proxy may compress even
///   though `StreamingCall` asks for `Accept-Encoding: identity`. The limit is a ratio, so a
///   long stream is never cut for its length, only a body that expands implausibly.
public final class ProviderHTTPClient: Sendable {
    /// The underlying client, for callers that need a plain request (e.g. the discovery probe).
    public let client: HTTPClient
    public let maxConnectionsPerHost: Int
    public let connectTimeout: Duration
    /// What servers refused earlier in this process (`RefusalMemory`), shared by every model.
    let refusals = RefusalMemory()
    /// The most a compressed body may expand (decompressed bytes per compressed byte). Text
    /// and JSON compress 5 to 20 times; deflate's ceiling is about 1000.
    static let decompressionRatio = 200

    public init(maxConnectionsPerHost: Int, connectTimeout: Duration = .seconds(10)) {
        let limit = max(1, maxConnectionsPerHost)
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = limit
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: TimeAmount(connectTimeout), read: nil)
        configuration.decompression = .enabled(limit: .ratio(Self.decompressionRatio))
        self.client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        self.maxConnectionsPerHost = limit
        self.connectTimeout = connectTimeout
    }

    /// Closes every connection. Calls still running fail; call this after the run ended.
    public func shutdown() async throws {
        try await client.shutdown()
    }
}

extension TimeAmount {
    /// A Swift `Duration` as NIO's `TimeAmount` (nanosecond precision, saturating).
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if nanoseconds.overflow {
            self = .nanoseconds(seconds < 0 ? .min : .max)
        } else {
            self = .nanoseconds(nanoseconds.partialValue.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue)
        }
    }
}
