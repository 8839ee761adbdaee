import Chorus

/// Turns untrusted text (model output, error messages, labels) into glyphs that are harmless on a
/// terminal, by the one rule the command line uses too (`TerminalSafeText`, in the core).
///
/// Model output is data, never terminal control: an ESC in it must not start an escape sequence,
/// a bidi override must not reorder the rest of the screen. Every C0 control becomes its Unicode
/// "control picture" (ESC shows as ␛), DEL as ␡, C1 controls and bidi controls as �. Line breaks
/// of every kind become one line-break glyph; a tab becomes spaces. A combining mark with nothing
/// to combine with is shown on a dotted circle (◌́) so it cannot merge into a border.
public enum SafeText {
    public static let tabWidth = 4
    static let replacement = Glyph(Character(TerminalSafeText.replacement), width: 1)
    /// More combining marks than this on one base are dropped ("Zalgo" text would otherwise
    /// make one cell arbitrarily large; ncurses keeps at most 4 per cell anyway).
    static let maxScalarsPerCluster = 8

    /// Appends the glyphs for `character` to `out`.
    public static func append(_ character: Character, to out: inout [Glyph]) {
        if character == " " { out.append(.space); return }
        if TerminalSafeText.lineBreaks.contains(character) { out.append(.lineBreak); return }
        if character == "\t" {
            for _ in 0..<tabWidth { out.append(.space) }
            return
        }
        let scalars = character.unicodeScalars
        let first = scalars.first!
        if scalars.count == 1 {
            if let symbol = TerminalSafeText.symbol(for: first) { out.append(Glyph(Character(symbol), width: 1)); return }
            if first.value >= 0x20 && first.value < 0x7F { out.append(Glyph(character, width: 1)); return }
        }
        var safe = character
        // A control inside a cluster cannot happen under UAX #29, but the check is cheap.
        if scalars.contains(where: isDangerous) {
            out.append(replacement)
            return
        }
        if scalars.count > maxScalarsPerCluster {
            var trimmed = String.UnicodeScalarView()
            trimmed.append(contentsOf: scalars.prefix(4))
            safe = Character(String(trimmed))
        }
        let base = DisplayWidth.scalarWidth(first)
        if base < 0 && !first.properties.isEmoji {
            out.append(replacement)
            return
        }
        let width = DisplayWidth.of(safe)
        if width == 0 {
            switch first.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark:
                out.append(Glyph(Character("\u{25CC}" + String(safe)), width: 1))
            default:
                break  // zero-width spaces, joiners and other invisible format characters: nothing to show
            }
            return
        }
        out.append(Glyph(safe, width: width))
    }

    static func isDangerous(_ scalar: Unicode.Scalar) -> Bool { TerminalSafeText.isDangerous(scalar) }

    /// The glyphs of a whole string.
    public static func glyphs(_ text: some StringProtocol) -> [Glyph] {
        var out: [Glyph] = []
        out.reserveCapacity(text.utf8.count)
        for character in text { append(character, to: &out) }
        return out
    }

    /// One line of safe glyphs: line breaks become spaces (for titles, status lines, errors).
    public static func line(_ text: some StringProtocol) -> [Glyph] {
        glyphs(text).map { $0.isLineBreak ? .space : $0 }
    }
}
