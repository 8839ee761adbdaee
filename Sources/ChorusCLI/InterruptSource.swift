/// Ctrl-C while a run is going: the first cancels the run (its partial record is still printed
/// and saved), a second one exits at once.
public struct InterruptSource: Sendable {
    /// Installs `handler` for SIGINT until the returned closure is called.
    public var install: @Sendable (_ handler: @escaping @Sendable () -> Void) -> @Sendable () -> Void

    public init(install: @escaping @Sendable (_ handler: @escaping @Sendable () -> Void) -> @Sendable () -> Void) {
        self.install = install
    }

    /// Never fires (tests that do not interrupt).
    public static let none = InterruptSource { _ in {} }
}
