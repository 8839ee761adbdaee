extension WorkerProgress {
    /// The current attempt's cost as a pane or a progress line shows it: the record's once the
    /// attempt ended, else the usage the provider reported so far at `pricing`; "cost unknown"
    /// when the model has no price and tokens were used; nil when there is nothing to say yet
    /// (no usage reported, or a plan made without prices).
    public func costText(pricing: Pricing?) -> String? {
        // A free model (a local server) costs nothing on every pane: the answer area's total says
        // so once; the pane keeps its room for what differs between workers.
        if case .known(let price)? = pricing, price.isFree { return nil }
        if let cost = finished?.cost ?? pricing?.cost(of: usage) { return cost.text }
        if case .unknown? = pricing, tokens != nil { return "cost unknown" }
        return nil
    }
}
