/// Makes text that came from a model or a server safe to show on a terminal.
///
/// A model's answer may contain escape sequences (by accident or by a hostile prompt); written
/// raw to a terminal they would move the cursor, change colours or set the window title. Here
/// every control character but newline and tab becomes a visible symbol (ESC shows as ␛).
public enum TerminalText {
    public static func sanitize(_ text: String, keepNewlines: Bool = true) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A where keepNewlines, 0x09:
                out.append(scalar)
            case 0x0A:
                out.append(" ")
            case 0x00...0x1F:
                out.append(Unicode.Scalar(0x2400 + scalar.value)!)  // ␀...␟ control pictures
            case 0x7F:
                out.append("\u{2421}")  // ␡
            case 0x80...0x9F, 0x2028, 0x2029:
                out.append("\u{FFFD}")
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// One line: newlines folded to spaces as well.
    public static func oneLine(_ text: String) -> String { sanitize(text, keepNewlines: false) }
}
