/// The wire formats Chorus speaks. Every OpenAI-compatible server (OpenAI itself, Ollama,
/// llama.cpp's server, vLLM, LM Studio, OpenRouter, Groq, Together) is `.openai`. Also the
/// config file's `kind` of a provider, so the CLI and the providers share one list.
public enum ProviderKind: String, Sendable, CaseIterable, Codable, Hashable {
    case openai
    case anthropic

    /// The base URL used when neither the config nor the environment names one.
    public var defaultBaseURL: String {
        switch self {
        case .openai: "https://api.openai.com/v1"
        case .anthropic: "https://api.anthropic.com"
        }
    }

    /// The environment variable that conventionally holds the API key; named in error messages.
    public var defaultAPIKeyVariable: String {
        switch self {
        case .openai: "OPENAI_API_KEY"
        case .anthropic: "ANTHROPIC_API_KEY"
        }
    }
}
