import Chorus

extension UIState {
    /// The merged structured answer shown (`--schema`), from the answer's record; nil for a
    /// free-text run, while merging, or when there is no answer.
    public var structured: StructuredOutcome? {
        guard case .done(let record) = answer.phase else { return nil }
        return record.structured
    }

    /// Rows of the answer's body, for the layout and scrolling: with a structured answer the
    /// table's header and one row per field; otherwise the answer's text.
    var answerBodyRows: Int {
        guard let structured else { return answer.text.rowCount }
        return structured.shownFields.count + 1
    }

    /// Rows of pane `index`'s body: its worker's field lines once a structured answer is merged
    /// (see `Renderer.drawPane`), otherwise its text and reasoning.
    func paneBodyRows(_ index: Int) -> Int {
        let pane = panes[index]
        guard let structured, pane.status == .succeeded else { return pane.bodyRowCount }
        let lines = structured.shownFields.filter { $0.values[pane.index] != nil }.count
        return lines > 0 ? lines : pane.bodyRowCount
    }
}

extension StructuredOutcome {
    /// The fields a table or a pane shows: a nested object's own entry is left out, since its
    /// fields follow it by their dotted paths.
    var shownFields: [FieldOutcome] { fields.filter { $0.method != .object } }
}
