import Chorus

/// A run with `--schema`: the answer area shows the merged object as a table (field, value,
/// agreement, dissent) and each finished pane its worker's object as `field: value` lines, the
/// fields where that worker differs from the merged value marked. Both are drawn from the
/// record's `StructuredOutcome` (one truth); the strategy switch `s` makes a new record, and the
/// table follows it.
extension Renderer {
    /// The table's rows: a header, then one row per field of the outcome, in schema order.
    struct FieldRow: Equatable {
        var field: String
        var value: String
        var agreement: String
        var dissent: String
        /// Under `--min-agreement`: marked, so the eye finds what made the run need review.
        var belowThreshold: Bool
    }

    /// A nested object's own entry is left out: its fields follow it by their dotted paths.
    static func fieldRows(_ outcome: StructuredOutcome) -> [FieldRow] {
        outcome.shownFields.map { field in
            FieldRow(
                field: field.path, value: cellText(field.value), agreement: field.agreementText + (field.isTie ? " tie" : ""),
                dissent: field.dissenters.map { String($0 + 1) }.joined(separator: ","),
                belowThreshold: field.belowThreshold)
        }
    }

    /// A value on one line: a string as it is (line breaks as spaces), numbers as written,
    /// arrays and objects as compact JSON.
    static func cellText(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let bool): return bool ? "true" : "false"
        case .number(let number): return number.exactIntegerText ?? "\(number)"
        case .string(let string): return string.split(whereSeparator: \.isNewline).joined(separator: " ")
        case .array(let items): return "[" + items.map(quotedCell).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.keys.sorted().map { "\($0): \(quotedCell(members[$0]!))" }.joined(separator: ", ") + "}"
        }
    }

    private static func quotedCell(_ value: JSONValue) -> String {
        if case .string(let string) = value { return "\"" + cellText(.string(string)) + "\"" }
        return cellText(value)
    }

    /// The table in the answer area's body, from `y` down, scrolled to `top` (a row index).
    /// Columns: "!" for a field under the threshold, the field, its value (what is left of the
    /// width; cut with "…"), its agreement, and the workers who differ ("w 2,4").
    static func drawFieldTable(_ outcome: StructuredOutcome, top: Int, in rect: Rect, into grid: inout CellGrid) {
        guard !rect.isEmpty else { return }
        let rows = fieldRows(outcome)
        let fieldWidth = min(max(5, rows.map { CellGrid.width(of: [Segment($0.field, .text)]) }.max() ?? 0), max(5, rect.width / 4))
        let agreementWidth = max(5, rows.map { CellGrid.width(of: [Segment($0.agreement, .text)]) }.max() ?? 0)
        let dissentWidth = rows.contains { !$0.dissent.isEmpty } ? max(7, rows.map { $0.dissent.count + 2 }.max() ?? 0) : 0
        let valueWidth = max(4, rect.width - 2 - fieldWidth - 1 - agreementWidth - 1 - (dissentWidth > 0 ? dissentWidth + 1 : 0))
        let fieldX = rect.x + 2
        let valueX = fieldX + fieldWidth + 1
        let agreementX = valueX + valueWidth + 1
        let dissentX = agreementX + agreementWidth + 1

        func cell(_ text: String, x: Int, width: Int, y: Int, role: StyleRole) {
            guard x < rect.maxX, width > 0 else { return }
            grid.write([Segment(text, role)], x: x, y: y, limit: min(rect.maxX, x + width))
        }
        var y = rect.y
        cell("field", x: fieldX, width: fieldWidth, y: y, role: .dimText)
        cell("value", x: valueX, width: valueWidth, y: y, role: .dimText)
        cell("agree", x: agreementX, width: agreementWidth, y: y, role: .dimText)
        if dissentWidth > 0 { cell("dissent", x: dissentX, width: dissentWidth, y: y, role: .dimText) }
        y += 1
        for row in rows.dropFirst(top) {
            guard y < rect.maxY else { break }
            if row.belowThreshold { cell("!", x: rect.x, width: 1, y: y, role: .warning) }
            cell(row.field, x: fieldX, width: fieldWidth, y: y, role: row.belowThreshold ? .warning : .answerText)
            cell(row.value, x: valueX, width: valueWidth, y: y, role: .answerText)
            cell(row.agreement, x: agreementX, width: agreementWidth, y: y, role: row.belowThreshold ? .warning : .dimText)
            if !row.dissent.isEmpty { cell("w " + row.dissent, x: dissentX, width: dissentWidth, y: y, role: .dimText) }
            y += 1
        }
    }

    /// The lines of a worker's object in its pane: "field: value" per field the worker gave, in
    /// schema order; a field whose value differs from the merged one starts with "≠" and is in
    /// the warning role.
    static func workerObjectLines(_ outcome: StructuredOutcome, worker: Int) -> [[Segment]] {
        outcome.shownFields.compactMap { field in
            guard let value = field.values[worker] else { return nil }
            let differs = field.dissenters.contains(worker)
            return [
                Segment(differs ? "≠ " : "  ", differs ? .warning : .dimText),
                Segment(field.path + ": ", differs ? .warning : .dimText),
                Segment(cellText(value), differs ? .warning : .text),
            ]
        }
    }

    /// Draws a worker's object lines into its pane's body; returns the rows there are (for the
    /// scroll marker).
    static func drawWorkerObject(_ outcome: StructuredOutcome, worker: Int, scrollTop: Int?, in rect: Rect, into grid: inout CellGrid) -> (top: Int, rows: Int) {
        let lines = workerObjectLines(outcome, worker: worker)
        // A finished object does not grow: it shows from its first field (the one that usually
        // matters most) until the user scrolls.
        let top = UIState.top(scrollTop: scrollTop ?? 0, rows: lines.count, height: rect.height)
        for (offset, line) in lines.dropFirst(top).prefix(rect.height).enumerated() {
            grid.write(line, x: rect.x, y: rect.y + offset, limit: rect.maxX)
        }
        return (top, lines.count)
    }
}

extension Double {
    /// "3" for 3.0; nil for a number with a fraction.
    fileprivate var exactIntegerText: String? {
        guard isFinite, rounded() == self, abs(self) < 9.007_199_254_740_992e15 else { return nil }
        return String(Int(self))
    }
}
