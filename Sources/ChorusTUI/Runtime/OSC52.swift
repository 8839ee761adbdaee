import Foundation

/// The terminal's clipboard sequence, OSC 52 (xterm's "Manipulate Selection Data", ctlseqs:
/// `OSC 52 ; Pc ; Pd BEL`, `Pc` = `c` the clipboard, `Pd` the text in base64). Terminals that
/// honour it (xterm with `allowWindowOps`, kitty, WezTerm, iTerm2, foot, Alacritty, Windows
/// Terminal, tmux with `set-clipboard on`) put the text on the system clipboard; others ignore
/// it silently, which is why `Y` also saves a file. I/O-free.
enum OSC52 {
    /// The most text sent: some terminals cap the sequence (xterm and tmux accept about 100 000
    /// bytes of base64 by default; hterm 100 000), so a longer text is only saved to the file.
    static let maxBytes = 74_000

    /// `ESC ] 52 ; c ; <base64> BEL`, or nil when `text` is over `maxBytes`.
    static func sequence(_ text: String) -> String? {
        let data = Data(text.utf8)
        guard data.count <= maxBytes else { return nil }
        return "\u{1B}]52;c;" + data.base64EncodedString() + "\u{07}"
    }
}
