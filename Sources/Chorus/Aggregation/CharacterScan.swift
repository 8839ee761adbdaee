/// Walks UTF-8 text one user-perceived character at a time without building `Character`s, so the
/// aggregation's scans over long answers cost a few nanoseconds a byte (issue 16: 1.4 s per MiB
/// before, most of it `Character` and Foundation work).
///
/// A character here is a scalar plus the scalars that extend it: combining marks (general
/// categories Mn, Mc, Me, and every `Grapheme_Extend` scalar), the zero-width joiner and the
/// emoji after it when it follows an emoji, emoji modifiers, and the LF of a CR LF. That is the part of Unicode's extended
/// grapheme cluster rules (UAX #29, GB3, GB9, GB9a, GB11) that decides whether a character is a
/// letter, a digit, a space or a given punctuation mark, which is all the aggregation asks: the
/// answer is the same as `Character.isLetter`/`isNumber`/`isWhitespace`, which look at a
/// character's first scalar. Hangul syllable sequences and regional-indicator pairs are split
/// differently, which changes none of those answers.
enum CharacterScan {
    /// One scalar decoded from valid UTF-8 at `i`: the scalar and its length in bytes.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        if b0 < 0xE0 {
            let v = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 2)
        }
        if b0 < 0xF0 {
            let v = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 3)
        }
        let v = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
            | UInt32(bytes[i + 3] & 0x3F)
        return (Unicode.Scalar(v) ?? "\u{FFFD}", 4)
    }

    /// Whether `scalar` continues the character before it (see the type's note).
    /// `pictographic`: the character so far is an emoji (GB11: emoji ZWJ emoji is one character).
    @inline(__always)
    static func extends(_ scalar: Unicode.Scalar, after previous: Unicode.Scalar?, pictographic: Bool = false) -> Bool {
        let v = scalar.value
        if v < 0x300 { return v == 0x0A && previous == "\r" }
        // GB4: nothing joins a control character (a line end, a tab, a format character).
        if let previous, isControl(previous) { return false }
        if pictographic, let previous, previous.value == 0x200D, isPictographic(scalar) { return true }
        if v == 0x200D || (0x1F3FB...0x1F3FF).contains(v) { return true }
        let properties = scalar.properties
        if properties.isGraphemeExtend { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Grapheme_Cluster_Break=Control, near enough: Cc, Zl, Zp, and Cf other than the joiners.
    @inline(__always)
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        if v < 0x300 { return v == 0xAD }
        if v == 0x200C || v == 0x200D { return false }
        switch scalar.properties.generalCategory {
        case .lineSeparator, .paragraphSeparator, .format: return true
        default: return false
        }
    }

    /// Emoji presentation pictographs (an approximation of Extended_Pictographic, which the
    /// standard library does not expose).
    @inline(__always)
    static func isPictographic(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x2000 && scalar.properties.isEmoji
    }

    /// Whether a character starting with `scalar` is a letter or a number, as
    /// `Character.isLetter || Character.isNumber` says (Alphabetic, or any numeric type).
    @inline(__always)
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 {
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39)
        }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil
    }

    /// Calls `body` for each character of `bytes` (valid UTF-8) with its first scalar and its
    /// byte range, until `body` returns false.
    @inline(__always)
    static func forEachCharacter(
        _ bytes: UnsafeBufferPointer<UInt8>, _ body: (_ first: Unicode.Scalar, _ start: Int, _ end: Int) -> Bool
    ) {
        var i = 0
        let n = bytes.count
        var first: Unicode.Scalar = " "
        var start = -1
        var previous: Unicode.Scalar?
        var pictographic = false
        while i < n {
            let (scalar, length) = decode(bytes, at: i)
            if start < 0 || !extends(scalar, after: previous, pictographic: pictographic) {
                if start >= 0, !body(first, start, i) { return }
                first = scalar
                start = i
                pictographic = scalar.value >= 0x2000 && isPictographic(scalar)
            }
            previous = scalar
            i += length
        }
        if start >= 0 { _ = body(first, start, n) }
    }
}
