extension String {
    /// The string without trailing whitespace and newlines. Answers are shown and merged without
    /// the blank lines a model often ends with, while leading indentation (code) is kept.
    func trimmingTrailingWhitespace() -> String {
        var s = Substring(self)
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
