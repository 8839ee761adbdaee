extension TokenUsage {
    /// The usage to record for a streamed answer of `chunks` text chunks: the server's counts when
    /// it reported a completion count, otherwise the chunk count as the completion count, marked
    /// `approximate` (a streamed chunk is about one token; a local server often reports nothing).
    /// Workers and the aggregator both record usage this way, so their numbers add up.
    static func reported(_ usage: TokenUsage?, orEstimatedFrom chunks: Int) -> TokenUsage? {
        guard usage?.completionTokens == nil, chunks > 0 else { return usage }
        return TokenUsage(promptTokens: usage?.promptTokens, completionTokens: chunks, approximate: true)
    }
}
