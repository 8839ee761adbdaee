import Testing
@testable import ChorusTUI

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("a", 1), ("世", 2), ("한", 2), ("カ", 2), ("🙂", 2), ("👩‍👩‍👧", 2), ("🇫🇷", 2), ("❤️", 2), ("#️⃣", 2),
        ("e\u{301}", 1), ("é", 1), ("\u{301}", 0), ("\u{200B}", 0), ("─", 1), ("␛", 1),
    ] as [(String, Int)])
    func widthOfOneCharacter(text: String, width: Int) {
        #expect(DisplayWidth.of(Character(text)) == width, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func controlsHaveNoPrintableWidth() {
        #expect(DisplayWidth.scalarWidth("\u{1B}") == -1)
        #expect(DisplayWidth.scalarWidth("\u{0}") == -1)
        #expect(DisplayWidth.scalarWidth("\u{9B}") == -1)
    }

    @Test func theFallbackTableAgreesOnCommonCases() {
        #expect(FallbackWidth.of("世") == 2)
        #expect(FallbackWidth.of("a") == 1)
        #expect(FallbackWidth.of("\u{301}") == 0)
        #expect(FallbackWidth.of("\u{1B}") == -1)
    }
}

@Suite struct SafeTextTests {
    @Test func controlCharactersBecomeControlPictures() {
        let glyphs = SafeText.glyphs("a\u{1B}[0m\u{7}\u{0}\u{7F}b")
        #expect(String(glyphs.map(\.character)) == "a␛[0m␇␀␡b")
        #expect(glyphs.allSatisfy { $0.width == 1 })
    }

    @Test func c1AndBidiControlsAreReplaced() {
        let text = "\u{9B}31m \u{202E}abc\u{202C} \u{2067}x\u{2069} \u{200F}\u{061C}"
        let shown = String(SafeText.glyphs(text).map(\.character))
        #expect(shown == "�31m �abc� �x� ��")
        for glyph in SafeText.glyphs(text) {
            #expect(!glyph.character.unicodeScalars.contains(where: SafeText.isDangerous))
        }
    }

    @Test func everyKindOfLineBreakIsOneBreak() {
        let glyphs = SafeText.glyphs("a\nb\r\nc\rd\u{2028}e\u{85}f")
        #expect(glyphs.filter(\.isLineBreak).count == 5)
        #expect(String(glyphs.filter { !$0.isLineBreak }.map(\.character)) == "abcdef")
    }

    @Test func tabsBecomeSpacesAndLinesHaveNoBreaks() {
        #expect(String(SafeText.glyphs("a\tb").map(\.character)) == "a    b")
        #expect(String(SafeText.line("a\nb").map(\.character)) == "a b")
    }

    @Test func anOrphanCombiningMarkSitsOnADottedCircle() {
        let glyphs = SafeText.glyphs("\u{301}x")
        #expect(glyphs.first?.character == Character("\u{25CC}\u{301}"))
        #expect(glyphs.first?.width == 1)
    }

    @Test func zeroWidthFormatCharactersAreDropped() {
        #expect(String(SafeText.glyphs("a\u{200B}b\u{FEFF}").map(\.character)) == "ab")
    }

    @Test func zalgoTextIsTrimmed() {
        let zalgo = "a" + String(repeating: "\u{301}", count: 50)
        let glyphs = SafeText.glyphs(zalgo)
        #expect(glyphs.count == 1)
        #expect(glyphs[0].character.unicodeScalars.count <= SafeText.maxScalarsPerCluster)
    }
}

@Suite struct WrappedTextTests {
    func rows(_ text: WrappedText) -> [String] {
        (0..<text.rowCount).map { String(text.row($0).map(\.character)) }
    }

    @Test func wrapsAtSpacesAndBreaksLongWords() {
        let text = WrappedText(width: 10, text: "the quick brown fox jumps over abcdefghijklmnopqrstuvwxyz end")
        #expect(rows(text) == ["the quick", "brown fox", "jumps over", "abcdefghij", "klmnopqrst", "uvwxyz end"])
    }

    @Test func keepsLineBreaksAndEmptyLines() {
        let text = WrappedText(width: 20, text: "one\n\ntwo\n")
        #expect(rows(text) == ["one", "", "two", ""])
    }

    @Test func wideCharactersNeverSplitAcrossTheEdge() {
        let text = WrappedText(width: 5, text: "漢字かなカナ")
        #expect(rows(text) == ["漢字", "かな", "カナ"])
        #expect(text.row(0).reduce(0) { $0 + Int($1.width) } == 4)
    }

    @Test func aWideGlyphInAOneCellPaneStaysOnItsOwnRow() {
        let text = WrappedText(width: 1, text: "漢a")
        #expect(rows(text) == ["漢", "a"])
    }

    /// Streaming in chunks of any size gives exactly the rows of the whole text at once, including
    /// clusters split across chunks (an accent, a flag, "\r\n", a ZWJ family).
    @Test(arguments: [1, 2, 3, 5, 7, 13])
    func chunkedAppendEqualsOneShot(chunkSize: Int) {
        let source = "Hello wörld e\u{301}tude 🇫🇷🇩🇪 line\r\nnext 👩‍👩‍👧 family, 漢字かな and a verylongwordthatmustbreak here.\n\nDone"
        let whole = WrappedText(width: 12, text: source)
        var streamed = WrappedText(width: 12)
        let scalars = Array(source.unicodeScalars)
        var i = 0
        while i < scalars.count {
            var chunk = String.UnicodeScalarView()
            chunk.append(contentsOf: scalars[i..<min(scalars.count, i + chunkSize)])
            streamed.append(String(chunk))
            i += chunkSize
        }
        streamed.finish()
        #expect(rows(streamed) == rows(whole))
        #expect(streamed.glyphs == whole.glyphs)
        #expect(streamed.source == source)
    }

    @Test func rewrapGivesTheSameRowsAsWrappingAtThatWidth() {
        let source = String(repeating: "words of different length flow here ", count: 20) + "漢字かなカナ 🙂🙂"
        var text = WrappedText(width: 30, text: source)
        for width in [7, 13, 50, 1, 30] {
            text.rewrap(width: width)
            #expect(rows(text) == rows(WrappedText(width: width, text: source)), "width \(width)")
        }
    }

    @Test func appendingAfterARewrapContinuesCorrectly() {
        var text = WrappedText(width: 20)
        text.append("alpha beta gamma delta ")
        text.rewrap(width: 8)
        text.append("epsilon zeta")
        text.finish()
        #expect(rows(text) == rows(WrappedText(width: 8, text: "alpha beta gamma delta epsilon zeta")))
    }
}
