/// One terminal cell as the UI means it: a character and the semantic role that colours it.
///
/// Roles, not colours, are stored so drawing stays independent of the theme and the terminal's
/// colour support; the curses backend maps a role to attributes at the very edge.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var role: StyleRole
    /// 1 for a normal cell, 2 for the left half of a wide character, 0 for its right half
    /// (which the terminal fills by itself and is never written).
    public var width: UInt8

    public init(_ character: Character = " ", role: StyleRole = .text, width: UInt8 = 1) {
        self.character = character
        self.role = role
        self.width = width
    }

    public static let blank = Cell()
    public var isContinuation: Bool { width == 0 }
}
