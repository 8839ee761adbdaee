extension MarkdownReport {
    /// A conversation's report (issue 17): one turn is exactly `render(_: RunRecord)`; more turns
    /// get a contents list (each turn's message on one line), then every turn's own report in
    /// order, oldest first, each headed "# Turn k of N" and split by a rule. A follow-up's report
    /// says what its workers' assistant turns were (`FollowUpMode`).
    public static func render(_ conversation: Conversation) -> String {
        let turns = conversation.turns
        guard turns.count > 1 else { return render(conversation.latest) }
        var out: [String] = ["# Chorus conversation", ""]
        out.append("\(turns.count) turns, oldest first; each is the report of one run with the same workers.")
        out.append("")
        for (i, turn) in turns.enumerated() {
            out.append("\(i + 1). \(inline(Renderer.oneLine(turn.task)))")
        }
        for (i, turn) in turns.enumerated() {
            out.append("")
            out.append("---")
            out.append("")
            var report = render(turn)
            if report.hasPrefix("# Chorus run") { report.removeFirst("# Chorus run".count) }
            var head = "# Turn \(i + 1) of \(turns.count)"
            if let mode = turn.followUp {
                head += "\n\n_Follow-up: "
                head += mode == .shared
                    ? "every worker was sent the merged answer of each earlier turn._"
                    : "each worker was sent its own earlier answers (the merged one where it had none)._"
            }
            out.append(head + report)
        }
        return out.joined(separator: "\n")
    }

    /// A text as one line: its lines joined by spaces, runs of blanks as one.
    private enum Renderer {
        static func oneLine(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
    }
}
