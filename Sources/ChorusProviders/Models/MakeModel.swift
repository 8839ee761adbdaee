import Chorus

/// The model for `settings`: an `OpenAICompatibleModel` or an `AnthropicModel`.
///
/// Throws a `ProviderError` (kind `.invalidConfiguration`, one clear line) when the base URL
/// cannot work, so the CLI can report it before the run starts. Fits the core's
/// `ModelFactory`: `{ choice in try makeModel(settingsFor(choice), http: http) }`.
public func makeModel(
    _ settings: ProviderSettings, http: ProviderHTTPClient, clock: any Clock<Duration> = ContinuousClock()
) throws(ProviderError) -> any ChatModel {
    switch settings.kind {
    case .openai: try OpenAICompatibleModel(settings: settings, http: http, clock: clock)
    case .anthropic: try AnthropicModel(settings: settings, http: http, clock: clock)
    }
}
