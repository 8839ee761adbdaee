extension Worker {
    /// Workers as people read them, numbered from 1: "worker 2", "workers 1, 3". Tallies, ties and
    /// warnings name workers this way, so a reader sees the same names everywhere.
    static func names(_ indices: [Int]) -> String {
        (indices.count == 1 ? "worker " : "workers ") + indices.map { String($0 + 1) }.joined(separator: ", ")
    }
}
