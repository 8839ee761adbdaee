/// One visible character cell (or two, for a wide one) of text that is safe to show.
///
/// A glyph never holds a control character: `SafeText` has mapped those to visible symbols, so
/// anything that reaches the grid can be written to the terminal as is.
public struct Glyph: Hashable, Sendable {
    public var character: Character
    /// 1 or 2 cells; 0 only for the line-break marker.
    public var width: UInt8

    public init(_ character: Character, width: Int) {
        self.character = character
        self.width = UInt8(clamping: width)
    }

    /// Marks the end of a line inside a text buffer; never drawn.
    public static let lineBreak = Glyph("\n", width: 0)
    public static let space = Glyph(" ", width: 1)

    public var isLineBreak: Bool { width == 0 }
    public var isSpace: Bool { character == " " }
}
