extension Error {
    /// The error as one readable line: its description with newlines folded into spaces. Worker
    /// errors, aggregator errors and fallback reasons are shown on one line (a pane's note, a
    /// JSON field a script greps), whatever the error's own description looks like.
    var oneLineDescription: String {
        String(describing: self).split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
