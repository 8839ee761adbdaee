import CNcursesw
import Foundation

/// How many terminal cells a `Character` takes: 0, 1 or 2.
///
/// The rule (DESIGN.md "Known pitfalls") follows what terminals and ncurses do: a grapheme
/// cluster is 2 cells wide when any of its scalars has emoji presentation, or when it carries
/// U+FE0F (emoji variation), a zero-width joiner or a flag pair; otherwise it is as wide as
/// `wcwidth` says its first scalar is. Using the C library's `wcwidth` (rather than a table of
/// our own) keeps our layout in step with ncurses, which places characters by the same function.
public enum DisplayWidth {
    /// `wcwidth` needs a UTF-8 `LC_CTYPE`, or it answers -1 for everything beyond ASCII. Set once,
    /// lazily and thread-safely (a global `let` is initialised exactly once).
    private static let localeReady: Bool = {
        prepareLocale()
        return wcwidth(0x4E16) == 2  // 世
    }()

    /// Selects the user's locale for character classification, or C.UTF-8 when theirs is not
    /// UTF-8. Must run before `initscr`/`newterm`, or wide characters print as garbage.
    /// Only `LC_CTYPE` is touched so number formatting elsewhere stays as it was.
    @discardableResult
    public static func prepareLocale() -> Bool {
        setlocale(LC_CTYPE, "")
        if !isUTF8Codeset() {
            if setlocale(LC_CTYPE, "C.UTF-8") == nil { setlocale(LC_CTYPE, "C.utf8") }
        }
        return isUTF8Codeset()
    }

    private static func isUTF8Codeset() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// The width of one scalar as the C library sees it: -1 for a control or unassigned one.
    public static func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
        if scalar.value < 0x7F { return scalar.value < 0x20 ? -1 : 1 }
        if localeReady { return Int(wcwidth(wchar_t(bitPattern: scalar.value))) }
        return FallbackWidth.of(scalar)
    }

    /// The cells `character` takes, by the rule above. Controls count 0 here; `SafeText` has
    /// already replaced them by visible symbols before anything is measured for display.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x7F, scalars.count == 1 { return first.value < 0x20 ? 0 : 1 }
        var regionalIndicators = 0
        for scalar in scalars {
            if scalar.value == 0xFE0F || scalar.value == 0x200D { return 2 }
            if scalar.properties.isEmojiPresentation { return 2 }
            if (0x1F1E6...0x1F1FF).contains(scalar.value) { regionalIndicators += 1 }
        }
        if regionalIndicators >= 2 { return 2 }
        return max(0, scalarWidth(first))
    }
}

/// Widths for a machine with no UTF-8 locale at all, so layout stays sane: the East Asian wide
/// blocks are 2, marks 0, controls -1, everything else 1.
enum FallbackWidth {
    static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
    ]

    static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return -1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        case .unassigned, .control: return -1
        default: break
        }
        return wide.contains { $0.contains(v) } ? 2 : 1
    }
}
