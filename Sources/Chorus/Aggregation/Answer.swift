/// One successful worker answer, as aggregation sees it.
public struct Answer: Sendable, Hashable {
    public var worker: Int
    public var label: String
    public var text: String
    /// Why the model stopped, as the provider said it; nil when it did not say. An answer that
    /// is not whole (cut at max tokens, stopped to call a tool) is still merged, and the merged
    /// answer's warnings say so (`Aggregator.cutWarnings`).
    public var stopReason: String?
    /// With `--schema`: the answer's validated object (`AttemptRecord.object`).
    public var object: JSONValue?

    public init(worker: Int, label: String, text: String, stopReason: String? = nil, object: JSONValue? = nil) {
        self.worker = worker
        self.label = label
        self.text = text
        self.stopReason = stopReason
        self.object = object
    }

    /// The stop reason when it marks the answer as not whole, else nil.
    public var cut: StopReason? { stopReason.map(StopReason.init).flatMap { $0.isWhole ? nil : $0 } }

    /// The label when it says more than the worker's number (a focus area, a name from the
    /// config), else nil: headings and prompts show a label only when it adds something.
    var ownLabel: String? { label == "\(worker + 1)" ? nil : label }
}
