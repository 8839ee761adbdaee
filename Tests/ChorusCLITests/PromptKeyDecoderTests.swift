import Testing
@testable import ChorusCLI
@testable import ChorusTUI

/// Terminal bytes to prompt inputs: a row per sequence a real terminal sends (xterm ctlseqs,
/// tmux's input-keys.c, rxvt), whole and split across reads.
@Suite struct PromptKeyDecoderTests {
    static let rows: [(bytes: String, input: LineEditor.Input)] = [
        ("\u{1B}[1~", .home), ("\u{1B}[7~", .home), ("\u{1B}OH", .home), ("\u{1B}[H", .home), ("\u{1B}[1;2H", .home),
        ("\u{1B}[4~", .end), ("\u{1B}[8~", .end), ("\u{1B}OF", .end), ("\u{1B}[F", .end),
        ("\u{1B}[3~", .delete),
        ("\u{1B}[A", .up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
        ("\u{1B}OA", .up), ("\u{1B}OB", .down), ("\u{1B}OC", .right), ("\u{1B}OD", .left),
        ("\u{1B}[1;5C", .wordRight), ("\u{1B}[1;5D", .wordLeft), ("\u{1B}b", .wordLeft), ("\u{1B}f", .wordRight),
        ("\u{1B}\u{7F}", .killWord), ("\u{1B}[15~", .ignored),
        ("\u{01}", .home), ("\u{02}", .left), ("\u{03}", .interrupt), ("\u{04}", .endOfInput), ("\u{05}", .end),
        ("\u{06}", .right), ("\u{08}", .backspace), ("\u{7F}", .backspace), ("\u{0B}", .killToEnd),
        ("\r", .enter), ("\n", .enter), ("\u{0E}", .down), ("\u{10}", .up), ("\u{15}", .killToStart),
        ("\u{17}", .killWord), ("\t", .ignored),
        ("q", .character("q")), ("é", .character("é")), ("語", .character("語")), ("🎵", .character("🎵")),
    ]

    @Test(arguments: rows.indices)
    func sequence(index: Int) {
        let row = Self.rows[index]
        var decoder = PromptKeyDecoder()
        #expect(decoder.feed(Array(row.bytes.utf8)) == [row.input], "\(row.bytes.debugDescription)")
        // The same bytes one at a time (a slow link, a split read) give the same key.
        var slow = PromptKeyDecoder()
        var inputs: [LineEditor.Input] = []
        for byte in row.bytes.utf8 { inputs += slow.feed([byte]) }
        #expect(inputs == [row.input], "\(row.bytes.debugDescription) byte by byte")
    }

    @Test func aBracketedPasteIsOneTextWithItsNewlinesAndNoKeys() {
        var decoder = PromptKeyDecoder()
        let bytes = "a\u{1B}[200~first q\r\ny\rlast\u{03}\u{1B}[A\u{1B}[201~\r"
        #expect(decoder.feed(Array(bytes.utf8)) == [.character("a"), .paste("first q\ny\nlast\u{03}\u{1B}[A"), .enter])
    }

    @Test func aPasteSplitAcrossReadsEvenInsideItsEndMarker() {
        let bytes = Array("\u{1B}[200~one\ntwo 語\u{1B}[201~x".utf8)
        for split in 1..<bytes.count {
            var decoder = PromptKeyDecoder()
            let inputs = decoder.feed(bytes[..<split]) + decoder.feed(bytes[split...])
            #expect(inputs == [.paste("one\ntwo 語"), .character("x")], "split at \(split)")
        }
    }

    @Test func aLoneEscWaitsThenIsIgnored() {
        var decoder = PromptKeyDecoder()
        #expect(decoder.feed([0x1B]) == [])
        #expect(decoder.awaitsEscape)
        #expect(decoder.flushEscape() == [.ignored])
        #expect(decoder.feed(Array("x".utf8)) == [.character("x")])
    }

    @Test func lineViewShowsPastedBreaksAndControlsHarmlessly() {
        let view = PromptLineView(line: Array("a\nb\u{1B}[2Jc\td"), cursor: 3, width: 40)
        #expect(view.text == "a↵b·[2Jc d")
        #expect(view.cursorColumn == 3)
    }

    @Test func lineViewScrollsToKeepTheCursorInView() {
        let line = Array("0123456789abcdefghij")
        let end = PromptLineView(line: line, cursor: 20, width: 10)
        // A cut end shows "…" in its cell (issue 14 follow-up), so the line is seen to go on.
        #expect(end.text == "…defghij")
        #expect(end.cursorColumn == 8)
        let start = PromptLineView(line: line, cursor: 0, width: 10)
        #expect(start.text == "01234567…")
        #expect(start.cursorColumn == 0)
        let middle = PromptLineView(line: line, cursor: 12, width: 10)
        #expect(middle.text.hasPrefix("…") && middle.text.hasSuffix("…"))
        #expect(middle.text.count <= 10)
        let cursorCharacter = Array(middle.text)[middle.cursorColumn]
        #expect(cursorCharacter == "c", "the cursor stays on its character, clear of the marks")
        let fits = PromptLineView(line: Array("short"), cursor: 5, width: 10)
        #expect(fits.text == "short", "no mark when nothing is cut")
        let wide = PromptLineView(line: Array("日本語日本語"), cursor: 6, width: 8)
        #expect(wide.cursorColumn <= 6)
        #expect(wide.text.hasSuffix("語"))
    }
}
