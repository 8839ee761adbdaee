import Foundation

extension Renderer {
    /// The variant form (`v`, README "Variant reruns") in a centred box: a line per field,
    /// "label  value", the focused one marked ▸ with its cursor shown; a field changed from what
    /// the form opened with is marked *; the last Enter's problem, then the keys, at the bottom.
    static func drawVariantForm(_ form: VariantForm, into grid: inout CellGrid) {
        let fields = VariantForm.Field.allCases
        let labelWidth = fields.map { $0.label.count }.max() ?? 0
        let rect = centredBox(width: 76, height: fields.count + 4 + (form.problem == nil ? 0 : 1), in: grid)
        guard rect.width >= 12, rect.height >= 3 else { return }
        grid.box(rect, style: .heavy, role: .helpBorder, fillRole: .helpText)
        grid.edgeLabel([Segment("Rerun worker \(form.worker + 1) as a variant", .helpKey)], rect: rect, y: rect.y, borderRole: .helpBorder)
        grid.edgeLabel(
            [Segment("Tab", .helpKey), Segment(" next  ", .dimText), Segment("Enter", .helpKey), Segment(" run  ", .dimText),
             Segment("Esc", .helpKey), Segment(" close", .dimText)],
            rect: rect, y: rect.maxY - 1, borderRole: .helpBorder)
        let inner = rect.inner
        for (row, field) in fields.enumerated() where 1 + row < inner.height {
            let y = inner.y + 1 + row
            let focused = field == form.focused
            let edited = form.text(field) != form.originals[field.rawValue]
            let label = (focused ? "▸ " : "  ") + field.label.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
                + (edited ? " * " : "   ")
            grid.write([Segment(label, focused ? .helpKey : .helpText)], x: inner.x, y: y, limit: inner.maxX)
            let x = inner.x + labelWidth + 5
            let room = inner.maxX - x
            guard room > 1 else { continue }
            let editor = form.editors[field.rawValue]
            // Long values scroll so the cursor stays in view.
            let start = max(0, editor.cursor - (room - 1))
            let shown = String(editor.line.dropFirst(start).prefix(room))
            grid.write([Segment(shown, focused ? .text : .helpText)], x: x, y: y, limit: inner.maxX)
            if focused {
                let cursorX = x + editor.cursor - start
                let under = editor.cursor < editor.line.count ? String(editor.line[editor.cursor]) : " "
                grid.write([Segment(under, .selection)], x: cursorX, y: y, limit: inner.maxX)
            }
        }
        if let problem = form.problem, fields.count + 2 < inner.height {
            grid.write([Segment(problem, .warning)], x: inner.x + 1, y: inner.y + fields.count + 2, limit: inner.maxX)
        }
    }
}
