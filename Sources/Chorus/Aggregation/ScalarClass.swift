/// The character classes answer normalisation asks about, one scalar at a time, with an ASCII
/// fast path. Each names the definition it reproduces, so the normalised answers are the ones the
/// Foundation character sets and ICU regular expressions gave before (issue 16).
enum ScalarClass {
    /// Foundation's `CharacterSet.decimalDigits`: general category Nd.
    @inline(__always)
    static func isDecimalDigit(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return c.value >= 0x30 && c.value <= 0x39 }
        return c.properties.generalCategory == .decimalNumber
    }

    /// Foundation's `CharacterSet.whitespaces` (see `Unicode.Scalar.isFoundationBlank`).
    @inline(__always)
    static func isBlank(_ c: Unicode.Scalar) -> Bool { c.isFoundationBlank }

    /// What ICU's `\b` skips over: a scalar with Grapheme_Extend or of general category Cf
    /// (`RegexMatcher::isWordBoundary`): no word boundary falls just before one.
    @inline(__always)
    static func isRegexTransparent(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return false }
        return c.properties.isGraphemeExtend || c.properties.generalCategory == .format
    }

    /// A mark (general category M*) or another grapheme extender: it joins the scalar before it
    /// into one `Character`.
    @inline(__always)
    static func joinsPrevious(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x300 { return false }
        switch c.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return c.properties.isGraphemeExtend
        }
    }

    /// Foundation's `CharacterSet.alphanumerics`: general categories L*, M* and N*.
    @inline(__always)
    static func isAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) }
        switch c.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// ICU's `\w` (what `\b` is a boundary of): Alphabetic, marks, Nd, Pc, U+200C and U+200D.
    @inline(__always)
    static func isRegexWord(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 {
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) || v == 0x5F
        }
        if v == 0x200C || v == 0x200D { return true }
        let p = c.properties
        if p.isAlphabetic { return true }
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return false
        }
    }
}
