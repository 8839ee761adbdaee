/// An aggregation that could not produce an answer (the fallback takes over).
public struct AggregationError: Error, CustomStringConvertible, Hashable {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
