import Chorus

/// THE wiring point: the only file that names ChorusProviders and ChorusTUI types.
///
/// Until the providers and the UI land on main, the live services answer that they are missing.
extension ChorusServices {
    public static var live: ChorusServices {
        ChorusServices(
            makeRuntime: { _, _ throws(ChorusError) in
                throw ChorusError("the HTTP providers are not built into this chorus yet", code: .unreachable)
            },
            interactive: nil,
            themes: ThemeDirectory(),
            interrupts: .live)
    }
}
