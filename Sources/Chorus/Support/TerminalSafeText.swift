/// The one rule for showing untrusted text (model answers, server error messages, labels, ids
/// from an input file) on a terminal: the terminal UI (`SafeText` draws its glyphs by it) and the
/// command line (answers, progress lines, warnings, errors) both use it.
///
/// Text is data, never terminal control. Written raw, an ESC starts an escape sequence (clear the
/// screen, set the window title, write the clipboard with OSC 52), a C1 control (U+0080-U+009F)
/// is one on terminals that take 8-bit controls (U+009B is CSI), a backspace or a carriage return
/// overwrites what was shown, and a bidi control reorders the rest of the line, so a path or a
/// command reads differently from its bytes ("Trojan Source", CVE-2021-42574). Each is shown as
/// a visible symbol instead:
///
/// | stored | shown |
/// |---|---|
/// | C0 control U+0000-U+001F (ESC, BEL, BS, ...) | its Unicode control picture U+2400-U+241F (␛, ␇, ␈) |
/// | DEL U+007F | ␡ |
/// | C1 control U+0080-U+009F | � |
/// | bidi embedding, override, isolate, mark: U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C | � |
/// | a line break of any kind (LF, CR LF, lone CR, VT, FF, NEL, U+2028, U+2029) | a newline where the output keeps lines, else a space |
/// | tab | kept |
///
/// Everything else (letters, emoji, combining marks, zero-width joiners) passes unchanged: those
/// cannot move the cursor or reorder text. Pure and idempotent: sanitised text sanitises to itself.
public enum TerminalSafeText {
    /// Bidi embeddings, overrides, isolates and marks (Unicode UAX #9, table 4, and U+061C
    /// ARABIC LETTER MARK): they make text display in another order than it is stored.
    public static let bidiControls: Set<UInt32> = [
        0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
    ]

    /// Every character that ends a line. `"\r\n"` is one `Character` in Swift, so a Windows line
    /// end is one break; a lone CR is one too (written raw it would return to the line's start and
    /// let the rest overwrite it).
    public static let lineBreaks: Set<Character> = ["\n", "\r\n", "\r", "\u{2028}", "\u{2029}", "\u{85}", "\u{0B}", "\u{0C}"]

    /// What C1 controls and bidi controls show as.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// The visible symbol shown in place of `scalar`, or nil when the scalar is safe as it is.
    /// Line breaks and tabs are controls too; `sanitize` handles them before asking this.
    public static func symbol(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let v = scalar.value
        switch v {
        case 0x00...0x1F: return Unicode.Scalar(0x2400 + v)!  // ␀ ... ␟
        case 0x7F: return "\u{2421}"  // ␡
        case 0x80...0x9F: return replacement
        default: return bidiControls.contains(v) ? replacement : nil
        }
    }

    /// Whether `scalar` must never reach a terminal as it is.
    public static func isDangerous(_ scalar: Unicode.Scalar) -> Bool { symbol(for: scalar) != nil }

    /// `text` with every control shown as a visible symbol (see the table above). With
    /// `keepNewlines`, each line break becomes `"\n"` (an answer keeps its lines); without, a
    /// space (one line: an error, a warning, a progress line).
    public static func sanitize(_ text: some StringProtocol, keepNewlines: Bool = true) -> String {
        var out = String.UnicodeScalarView()
        for character in text {
            if lineBreaks.contains(character) {
                out.append(keepNewlines ? "\n" : " ")
                continue
            }
            for scalar in character.unicodeScalars {
                if scalar == "\t" {
                    out.append(scalar)
                } else {
                    out.append(symbol(for: scalar) ?? scalar)
                }
            }
        }
        return String(out)
    }

    /// One line: line breaks folded to spaces as well.
    public static func oneLine(_ text: some StringProtocol) -> String { sanitize(text, keepNewlines: false) }

    /// JSON text made safe for a terminal without changing what it means: each dangerous scalar
    /// but newline and tab (the layout of pretty-printed JSON) is written as its `\uXXXX` escape,
    /// which decodes to the same string (RFC 8259, section 7). `JSONEncoder` escapes C0 controls
    /// inside strings but leaves DEL, C1 and bidi controls raw; those can only stand inside
    /// strings (JSON's own syntax is ASCII), so the escape never touches structure, and a raw
    /// control that made a hand-edited line invalid makes it valid.
    public static func escapingInJSON(_ json: String) -> String {
        func needsEscape(_ scalar: Unicode.Scalar) -> Bool { scalar != "\n" && scalar != "\t" && isDangerous(scalar) }
        guard json.unicodeScalars.contains(where: needsEscape) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if needsEscape(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: false)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
