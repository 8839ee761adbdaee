extension String {
    /// The string without trailing whitespace and newlines. Answers are shown and merged without
    /// the blank lines a model often ends with, while leading indentation (code) is kept.
    func trimmingTrailingWhitespace() -> String {
        var s = Substring(self)
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines, as Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` trims (scalar by scalar), but without
    /// copying the text between: a long answer is trimmed for the cost of its two ends.
    var trimmedOfWhitespaceAndNewlines: Substring {
        let scalars = Substring(self).unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, Self.isTrimmedSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            guard Self.isTrimmedSpace(scalars[before]) else { break }
            end = before
        }
        return Substring(scalars[start..<end])
    }

    /// Foundation's `CharacterSet.whitespacesAndNewlines` as CoreFoundation defines it on Linux:
    /// the space separators (Zs), U+0009, U+200B (zero width space, which CoreFoundation counts
    /// as white space), and the newlines U+000A to U+000D, U+0085, U+2028, U+2029.
    private static func isTrimmedSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return scalar.isFoundationBlank
        }
    }
}

extension Unicode.Scalar {
    /// Foundation's `CharacterSet.whitespaces` as CoreFoundation defines it (`CFUniChar`): U+0009,
    /// U+0020, U+00A0, U+1680, U+2000 to U+200B, U+202F, U+205F, U+3000.
    var isFoundationBlank: Bool {
        switch value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
