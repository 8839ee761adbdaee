/// An aggregation that could not produce an answer (the fallback takes over).
public struct AggregationError: Error, CustomStringConvertible, Hashable {
    public var message: String
    /// What the failed model call used, when one was made (a judge that named no answer still
    /// read them all): the record counts it although no answer came of it.
    public var usage: TokenUsage?
    public init(message: String, usage: TokenUsage? = nil) {
        self.message = message
        self.usage = usage
    }
    public var description: String { message }
}
