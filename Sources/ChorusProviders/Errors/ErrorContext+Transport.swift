import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ErrorContext {
    /// Where in the call a transport error happened; the same broken connection means "could
    /// not connect" before the response and "cut short" during the body.
    enum Phase: Sendable {
        case beforeResponse
        case duringBody
    }

    /// Maps an error thrown by AsyncHTTPClient or SwiftNIO to a `ProviderError` a person can
    /// act on, or nil when it is a cancellation (which is not a failure: the engine asked).
    func transportError(
        _ error: any Error, phase: Phase, connectTimeout: Duration, connectionLimit: Int
    ) -> ProviderError? {
        if error is CancellationError { return nil }
        if let provider = error as? ProviderError { return provider }
        if let decompression = decompressionFailed(error) { return decompression }
        let hostPort = "\(host):\(port)"

        if let http = error as? HTTPClientError {
            switch http {
            case .cancelled, .requestStreamCancelled:
                return nil
            case .connectTimeout:
                return connectTimedOut(connectTimeout)
            case .tlsHandshakeTimeout:
                return tls("the TLS handshake timed out")
            case .deadlineExceeded:
                return self.error(
                    .responseTimeout, summary: "no response head in time",
                    fix: "the server may be busy; retry later or raise the response timeout"
                )
            case .remoteConnectionClosed, .uncleanShutdown:
                return lost(phase)
            case .getConnectionFromPoolTimeout:
                return self.error(
                    .connectionLimit,
                    summary: "no free connection within \(connectTimeout.secondsText) (at most \(connectionLimit) per host)",
                    fix: "create ProviderHTTPClient with maxConnectionsPerHost of at least the number of calls run at once"
                )
            default:
                return self.error(
                    .connectionLost, summary: "HTTP client error", detail: http.shortDescription,
                    fix: "check the base URL and the network"
                )
            }
        }
        if let connection = error as? NIOConnectionError {
            if connection.dnsAError != nil || connection.dnsAAAAError != nil, connection.connectionErrors.isEmpty {
                return dnsFailed()
            }
            let refused = connection.connectionErrors.contains { failure in
                (failure.error as? IOError)?.errnoCode == ECONNREFUSED
            }
            if refused || connection.connectionErrors.isEmpty {
                return self.refused(hostPort)
            }
            return connectionErrorOther(connection.connectionErrors.first.map { String(describing: $0.error) })
        }
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: return refused(hostPort)
            case ETIMEDOUT: return connectTimedOut(connectTimeout)
            case ECONNRESET, EPIPE: return lost(phase)
            case ENETUNREACH, EHOSTUNREACH: return connectionErrorOther(String(describing: io))
            default: return phase == .duringBody ? lost(phase) : connectionErrorOther(String(describing: io))
            }
        }
        if error is SocketAddressError.UnknownHost || error is SocketAddressError {
            return dnsFailed()
        }
        if let channel = error as? ChannelError {
            switch channel {
            case .connectTimeout: return connectTimedOut(connectTimeout)
            default: return lost(phase)
            }
        }
        if let ssl = error as? NIOSSLError {
            if case .uncleanShutdown = ssl { return lost(phase) }
            return tls(String(describing: ssl))
        }
        if error is BoringSSLError || error is NIOSSLExtraError {
            return tls(String(describing: error))
        }
        if let parser = error as? HTTPParserError, parser == .invalidEOFState {
            return lost(phase)  // the connection closed in the middle of a message
        }
        if error is HTTPParserError {
            return self.error(
                .malformedResponse, summary: "the server's answer is not valid HTTP",
                detail: String(describing: error),
                fix: "check http:// versus https:// and the port in the base URL"
            )
        }
        return self.error(
            .connectionLost, summary: "the request failed", detail: String(describing: error),
            fix: "check the base URL and the network"
        )
    }

    private func refused(_ hostPort: String) -> ProviderError {
        error(
            .connectionRefused, summary: "connection refused",
            fix: "nothing listens at \(hostPort); start the server or correct the base URL"
        )
    }

    private func dnsFailed() -> ProviderError {
        error(
            .dnsFailure, summary: "cannot resolve the host '\(host)'",
            fix: "check the host name in the base URL and the network"
        )
    }

    private func connectTimedOut(_ timeout: Duration) -> ProviderError {
        error(
            .connectTimeout, summary: "no connection within \(timeout.secondsText)",
            fix: "check the network, a firewall, and the host and port in the base URL"
        )
    }

    private func tls(_ detail: String) -> ProviderError {
        error(
            .tlsFailure, summary: "the TLS handshake failed", detail: detail,
            fix: "check http:// versus https:// in the base URL and the server's certificate"
        )
    }

    private func lost(_ phase: Phase) -> ProviderError {
        switch phase {
        case .beforeResponse:
            error(
                .connectionLost, summary: "the server closed the connection before answering",
                fix: "retry; if it keeps happening, check the server's log and the base URL"
            )
        case .duringBody:
            error(
                .connectionLost, status: 200, summary: "the connection closed before the answer was complete",
                fix: "retry; if it keeps happening, check the server's log"
            )
        }
    }

    private func connectionErrorOther(_ detail: String?) -> ProviderError {
        error(
            .connectionRefused, summary: "cannot connect", detail: detail,
            fix: "check the host and port in the base URL and the network"
        )
    }
}
