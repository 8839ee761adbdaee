/// A key press, decoded from curses by the backend (or made up by tests).
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case tab, backTab
    case enter, escape
    case pageUp, pageDown, home, end
    /// Ctrl-C: the terminal is in raw mode, so it arrives as a key, not as SIGINT. Quits at once.
    case interrupt
    /// Backspace (DEL, BS or curses' KEY_BACKSPACE): edits a text field (the follow-up prompt);
    /// nothing elsewhere.
    case backspace
    /// Text the terminal marked as pasted (bracketed paste, `ESC [ 200 ~` … `ESC [ 201 ~`), newlines
    /// kept. Never read as keys: a pasted `q` or `y` must not quit or save.
    case paste(String)
}
