import Chorus

/// The agreement view of a `--schema` run: per field, not per whole object.
///
/// Whole objects rarely match (five answers that agree on the label but differ in a reason's
/// wording are five different objects), so the object tally would say "no two answers agree"
/// over a merge that counted a 3-of-5 label. The view reads `record.structured` instead: one
/// block per field with its merged value, the agreement, who dissented and with what, and the
/// field's note (a tie settled by worker order), then the review flag; the same outcome the
/// answer table, the Markdown report (`MarkdownReport.fieldTable`) and the JSON show.
extension AgreementReport {
    static func structuredDone(
        _ record: AggregationRecord, outcome: StructuredOutcome, names: [String]
    ) -> [StyledText.Paragraph] {
        func name(_ worker: Int) -> String { names.indices.contains(worker) ? names[worker] : String(worker + 1) }
        let n = outcome.workers.count
        var out: [StyledText.Paragraph] = []
        out.append(.init([Segment(
            "Per-field agreement over \(n) answer\(n == 1 ? "" : "s") (threshold: \(outcome.minAgreement.words)).",
            .accent)]))
        for field in outcome.shownFields {
            out.append(.blank)
            var head = [Segment(field.path, .title), Segment("  ", .text), Segment(field.agreementText, field.belowThreshold ? .warning : .accent)]
            if field.of > 0 {
                head.append(Segment("  ", .text))
                head += bar(count: field.agreeing, total: field.of)
            }
            head.append(Segment("  " + field.method.rawValue, .dimText))
            if field.belowThreshold { head.append(Segment(" · under the threshold", .warning)) }
            out.append(.init(head, indent: 3))
            let agreeing = field.values.keys.sorted().filter { !field.dissenters.contains($0) }
            var value = [Segment("   ", .text), Segment(field.value.description, .answerText)]
            if !agreeing.isEmpty { value.append(Segment("  " + agreeing.map(name).joined(separator: " · "), .title)) }
            out.append(.init(value, indent: 3))
            for worker in field.dissenters {
                let said = field.values[worker].map(\.description) ?? "(no value)"
                out.append(.init([Segment("   ✗ ", .warning), Segment(said, .text), Segment("  " + name(worker), .title)], indent: 3))
            }
            if let note = field.note { out.append(.init([Segment("   note: " + note, .warning)], indent: 3)) }
        }
        out.append(.blank)
        if let review = outcome.reviewLine {
            out.append(.init([Segment(review, .warning)]))
        } else {
            out.append(.init([Segment("No review needed: every required field meets \(outcome.minAgreement.words).", .dimText)]))
        }
        return out
    }
}
