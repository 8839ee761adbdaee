import Testing
@testable import ChorusTUI

/// Word wrap of mixed-role paragraphs (the agreement view's text).
@Suite struct StyledTextTests {
    static func lines(_ rows: [StyledText.Row]) -> [String] {
        rows.map { String(repeating: " ", count: $0.indent) + String($0.pieces.map(\.glyph.character)) }
    }

    @Test func wrapsAtSpacesWithAHangingIndentAndKeepsRoles() {
        let paragraph = StyledText.Paragraph([Segment("3 of 5", .accent), Segment(" paris and lyon", .text)], indent: 2)
        let rows = StyledText.wrap([paragraph], width: 11)
        #expect(Self.lines(rows) == ["3 of 5", "  paris and", "  lyon"])
        #expect(rows[0].pieces.allSatisfy { $0.role == .accent })
        #expect(rows[1].pieces.allSatisfy { $0.role == .text })
    }

    @Test func aWordLongerThanTheRowIsBrokenHard() {
        let rows = StyledText.wrap([.init([Segment("ab abcdefghij", .text)])], width: 4)
        #expect(Self.lines(rows) == ["ab", "abcd", "efgh", "ij"])
    }

    @Test func wideCharactersAreNeverSplitAcrossRows() {
        let rows = StyledText.wrap([.init([Segment("漢字漢字漢", .text)])], width: 5)
        #expect(Self.lines(rows) == ["漢字", "漢字", "漢"])
    }

    @Test func anIndentTakingMoreThanHalfTheRowIsDropped() {
        let rows = StyledText.wrap([.init([Segment("one two three", .text)], indent: 4)], width: 6)
        #expect(rows.allSatisfy { $0.indent == 0 })
        #expect(Self.lines(rows) == ["one", "two", "three"])
    }

    @Test func modelTextIsMadeSafeAndBlankParagraphsKeepTheirRow() {
        let rows = StyledText.wrap([.init([Segment("a\u{1B}[31mb\nc", .answerText)]), .blank], width: 40)
        #expect(Self.lines(rows) == ["a␛[31mb c", ""])
    }
}
