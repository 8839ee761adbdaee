import Chorus

/// THE wiring point: the live services. With `LiveProviders.swift` and `LiveTerminalUI.swift`
/// beside it, the only code that names ChorusProviders and ChorusTUI types.
extension ChorusServices {
    public static var live: ChorusServices {
        ChorusServices(
            makeRuntime: { loaded, connections throws(ChorusError) in LiveProviders.runtime(loaded, connections: connections) },
            interactive: LiveTerminalUI.frontEnd,
            themes: LiveTerminalUI.themes,
            interrupts: .live)
    }
}
