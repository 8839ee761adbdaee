/// Ctrl-C while a run is going: the first cancels the run (its partial record is still printed
/// and saved), a second one exits at once.
public struct InterruptSource: Sendable {
    /// Installs `handler` for SIGINT until the returned closure is called.
    public var install: @Sendable (_ handler: @escaping @Sendable () -> Void) -> @Sendable () -> Void
    /// For `chorus batch`, whose Ctrl-C has two steps: `handler(1)` on the first press (stop
    /// starting items), `handler(2)` on the second (cancel those in flight); a third exits at once.
    public var installStaged: @Sendable (_ handler: @escaping @Sendable (Int) -> Void) -> @Sendable () -> Void

    public init(
        install: @escaping @Sendable (_ handler: @escaping @Sendable () -> Void) -> @Sendable () -> Void,
        installStaged: (@Sendable (_ handler: @escaping @Sendable (Int) -> Void) -> @Sendable () -> Void)? = nil
    ) {
        self.install = install
        self.installStaged = installStaged ?? { handler in install { handler(1) } }
    }

    /// Never fires (tests that do not interrupt).
    public static let none = InterruptSource { _ in {} }
}
