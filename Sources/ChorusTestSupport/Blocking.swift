import Foundation

/// Runs blocking work (waiting for a process, reading a pipe) on a thread of its own.
///
/// Swift's concurrency runs every test on a pool as wide as the machine has cores: two here. A
/// test that blocks one of those threads for seconds starves every other test, and tests that
/// wait on a manual clock for a real-time bound then fail or hang. Anything that blocks goes
/// through here instead.
public enum Blocking {
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }
}
