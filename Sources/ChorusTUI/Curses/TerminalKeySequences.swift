/// Escape sequences for keys and terminal modes that the terminfo entry for `$TERM` does not
/// always name, shared by the curses screen (which teaches them to curses with `define_key`) and
/// the Task prompt's own decoder.
///
/// Why: inside tmux and screen, and in terminals set to VT220 keys, Home and End arrive as
/// `ESC [ 1 ~` / `ESC [ 4 ~` (or rxvt's `ESC [ 7 ~` / `ESC [ 8 ~`), while `xterm-256color`'s
/// terminfo lists only `ESC O H` / `ESC O F`; curses then read the Esc alone and the rest as
/// typed characters. Sources: xterm's ctlseqs ("PC-Style Function Keys", "VT220-Style Function
/// Keys"), tmux's `input-keys.c`, rxvt's documentation of its key codes.
public enum TerminalKeySequences {
    /// Every byte sequence terminals send for Home, and for End, in normal and application
    /// cursor-key mode.
    public static let home = ["\u{1B}[1~", "\u{1B}[7~", "\u{1B}OH", "\u{1B}[H"]
    public static let end = ["\u{1B}[4~", "\u{1B}[8~", "\u{1B}OF", "\u{1B}[F"]
    /// Delete (forward), VT220 style.
    public static let delete = "\u{1B}[3~"

    /// Bracketed paste (xterm ctlseqs, "Bracketed Paste Mode"): once `enablePaste` is sent, the
    /// terminal wraps pasted text in `pasteBegin` … `pasteEnd`, so pasted text can be told from
    /// typed keys. `disablePaste` turns it off again before the terminal is handed back.
    public static let enablePaste = "\u{1B}[?2004h"
    public static let disablePaste = "\u{1B}[?2004l"
    public static let pasteBegin = "\u{1B}[200~"
    public static let pasteEnd = "\u{1B}[201~"

    /// Pasted text as one task or one insertion: the terminal sends a line break as CR (xterm
    /// turns LF into CR when pasting), so CR LF and CR become LF.
    public static func normalizePasted(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
