/// One successful worker answer, as aggregation sees it.
public struct Answer: Sendable, Hashable {
    public var worker: Int
    public var label: String
    public var text: String

    public init(worker: Int, label: String, text: String) {
        self.worker = worker
        self.label = label
        self.text = text
    }

    /// The label when it says more than the worker's number (a focus area, a name from the
    /// config), else nil: headings and prompts show a label only when it adds something.
    var ownLabel: String? { label == "\(worker + 1)" ? nil : label }
}
