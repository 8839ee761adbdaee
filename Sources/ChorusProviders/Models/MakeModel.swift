import Chorus

/// The model for `settings`: an `HTTPChatModel` speaking the wire of `settings.kind`.
///
/// Throws a `ProviderError` (kind `.invalidConfiguration`, one clear line) when the base URL
/// cannot work, so the CLI can report it before the run starts. Fits the core's
/// `ModelFactory`: `{ choice in try makeModel(settingsFor(choice), http: http) }`.
public func makeModel(
    _ settings: ProviderSettings, http: ProviderHTTPClient, clock: any Clock<Duration> = ContinuousClock()
) throws(ProviderError) -> any ChatModel {
    func model<Wire: WireFormat>(_: Wire.Type) throws(ProviderError) -> any ChatModel {
        try HTTPChatModel<Wire>(settings: settings, http: http, clock: clock)
    }
    return try model(settings.kind.wire)
}
