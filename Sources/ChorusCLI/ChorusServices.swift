import Chorus

/// The seams between the command line and the world: models, discovery, UI, themes, clock.
/// `ChorusServices.live` (Wiring/) is the only place that names ChorusProviders and ChorusTUI.
public struct ChorusServices: Sendable {
    /// The model back end for a command whose runs make `connections` parallel calls
    /// (workers + aggregator).
    public var makeRuntime: @Sendable (_ loaded: LoadedSettings, _ connections: Int) throws(ChorusError) -> ModelRuntime
    /// The terminal UI, or nil where there is none.
    public var interactive: InteractiveFrontEnd?
    public var themes: ThemeDirectory
    public var interrupts: InterruptSource
    /// The clock runs are timed on (a manual one in tests).
    public var clock: any Clock<Duration>

    public init(
        makeRuntime: @escaping @Sendable (LoadedSettings, Int) throws(ChorusError) -> ModelRuntime,
        interactive: InteractiveFrontEnd? = nil, themes: ThemeDirectory = ThemeDirectory(),
        interrupts: InterruptSource = .none, clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.makeRuntime = makeRuntime
        self.interactive = interactive
        self.themes = themes
        self.interrupts = interrupts
        self.clock = clock
    }
}
