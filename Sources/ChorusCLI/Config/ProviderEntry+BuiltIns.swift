extension ProviderEntry {
    /// Providers that exist without a config file. A `[providers.NAME]` table with one of these
    /// names changes only the keys it sets.
    public static let builtIns: [ProviderEntry] = [
        ProviderEntry(
            name: "openai", kind: .openai, baseURL: "https://api.openai.com/v1", apiKeyVariable: "OPENAI_API_KEY",
            defaultModel: "gpt-4o-mini"),
        ProviderEntry(
            name: "anthropic", kind: .anthropic, baseURL: "https://api.anthropic.com", apiKeyVariable: "ANTHROPIC_API_KEY",
            defaultModel: "claude-3-5-haiku-latest"),
        // llama.cpp's server (and `scripts/local-llm start`) listens here; it ignores the model name.
        ProviderEntry(name: "local", kind: .openai, baseURL: "http://127.0.0.1:8080/v1", defaultModel: "local"),
        // Ollama's OpenAI-compatible endpoint; it needs a real model name (`ollama list`).
        ProviderEntry(name: "ollama", kind: .openai, baseURL: "http://127.0.0.1:11434/v1"),
    ]

    public static func builtIn(named name: String) -> ProviderEntry? { builtIns.first { $0.name == name } }
}
