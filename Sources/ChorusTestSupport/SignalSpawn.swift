#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Spawn attributes for a child process that must react to signals as a shell's child would.
///
/// Tests run on pool threads that block most signals, and a child inherits its parent thread's
/// mask: a `chorus` that never sees SIGINT, or a tmux that never sees SIGHUP/SIGTERM, would make
/// a signal test prove nothing (or hang). The attributes unblock every signal and reset the
/// usual ones to their default action in the child.
public enum SignalSpawn {
    /// The signals reset to their default action.
    public static let defaulted: [Int32] = [SIGHUP, SIGINT, SIGTERM, SIGPIPE, SIGCHLD, SIGQUIT]

    /// Calls `body` with initialised attributes (empty mask, defaults set), destroyed afterwards.
    public static func withAttributes<T>(_ body: (inout posix_spawnattr_t) throws -> T) rethrows -> T {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in defaulted { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        return try body(&attributes)
    }
}
