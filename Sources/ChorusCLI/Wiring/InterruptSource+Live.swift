#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

extension InterruptSource {
    /// SIGINT through a dispatch source (no work in a signal handler): the first Ctrl-C calls the
    /// handler, which cancels the run; a second one exits at once with 130.
    public static let live = InterruptSource(
        install: { handler in
            installSIGINT(stages: 1) { _ in handler() }
        },
        installStaged: { handler in
            installSIGINT(stages: 2, handler)
        })

    /// Presses 1...stages call `handler(press)`; the next one exits at once with 130.
    private static func installSIGINT(stages: Int, _ handler: @escaping @Sendable (Int) -> Void) -> @Sendable () -> Void {
        signal(SIGINT, SIG_IGN)
        let presses = Mutex(0)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            let count = presses.withLock { n -> Int in
                n += 1
                return n
            }
            if count <= stages { handler(count) } else { _exit(ChorusExitCode.interrupted.rawValue) }
        }
        source.resume()
        let box = SignalSourceBox(source)
        return {
            box.source.cancel()
            signal(SIGINT, SIG_DFL)
        }
    }
}

/// Carries the dispatch source into the uninstall closure. Dispatch sources are thread-safe
/// (`cancel()` may be called from any thread); Dispatch's overlay just does not say Sendable.
private final class SignalSourceBox: @unchecked Sendable {
    let source: any DispatchSourceSignal
    init(_ source: any DispatchSourceSignal) { self.source = source }
}

/// Ends the process with `status`. Output was written unbuffered, so nothing is lost.
public func exitProcess(_ status: Int32) -> Never {
    exit(status)
}
