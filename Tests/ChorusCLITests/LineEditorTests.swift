import Testing
@testable import ChorusCLI
@testable import ChorusTUI

/// The Task prompt's editor, key by key: each row is a starting line and cursor, one input, and
/// the line, cursor and action that must follow (readline's emacs bindings are the reference).
@Suite struct LineEditorTests {
    /// An editor holding `text` with the cursor at `cursor` (end when nil), built by typing.
    static func editor(_ text: String, cursor: Int? = nil, history: [String] = []) -> LineEditor {
        var editor = LineEditor(history: history)
        for c in text { _ = editor.handle(.character(c)) }
        for _ in 0..<(text.count - (cursor ?? text.count)) { _ = editor.handle(.left) }
        return editor
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var text: String
        var cursor: Int
        var input: LineEditor.Input
        var expected: String
        var expectedCursor: Int
        var action: LineEditor.Action
        var testDescription: String { "\(input) on \"\(text)\"@\(cursor)" }
    }

    static let rows: [Row] = [
        Row(text: "", cursor: 0, input: .character("a"), expected: "a", expectedCursor: 1, action: .redraw),
        Row(text: "ac", cursor: 1, input: .character("b"), expected: "abc", expectedCursor: 2, action: .redraw),
        Row(text: "abc", cursor: 3, input: .left, expected: "abc", expectedCursor: 2, action: .redraw),
        Row(text: "abc", cursor: 0, input: .left, expected: "abc", expectedCursor: 0, action: .none),
        Row(text: "abc", cursor: 1, input: .right, expected: "abc", expectedCursor: 2, action: .redraw),
        Row(text: "abc", cursor: 3, input: .right, expected: "abc", expectedCursor: 3, action: .none),
        Row(text: "abc", cursor: 2, input: .home, expected: "abc", expectedCursor: 0, action: .redraw),
        Row(text: "abc", cursor: 1, input: .end, expected: "abc", expectedCursor: 3, action: .redraw),
        Row(text: "abc", cursor: 3, input: .backspace, expected: "ab", expectedCursor: 2, action: .redraw),
        Row(text: "abc", cursor: 1, input: .backspace, expected: "bc", expectedCursor: 0, action: .redraw),
        Row(text: "abc", cursor: 0, input: .backspace, expected: "abc", expectedCursor: 0, action: .none),
        Row(text: "abc", cursor: 1, input: .delete, expected: "ac", expectedCursor: 1, action: .redraw),
        Row(text: "abc", cursor: 3, input: .delete, expected: "abc", expectedCursor: 3, action: .none),
        Row(text: "abc", cursor: 0, input: .endOfInput, expected: "bc", expectedCursor: 0, action: .redraw),
        Row(text: "", cursor: 0, input: .endOfInput, expected: "", expectedCursor: 0, action: .cancel),
        Row(text: "one two", cursor: 4, input: .killToStart, expected: "two", expectedCursor: 0, action: .redraw),
        Row(text: "one two", cursor: 3, input: .killToEnd, expected: "one", expectedCursor: 3, action: .redraw),
        Row(text: "one two  ", cursor: 9, input: .killWord, expected: "one ", expectedCursor: 4, action: .redraw),
        Row(text: "one two", cursor: 5, input: .killWord, expected: "one wo", expectedCursor: 4, action: .redraw),
        Row(text: "one", cursor: 0, input: .killWord, expected: "one", expectedCursor: 0, action: .none),
        Row(text: "one two", cursor: 7, input: .wordLeft, expected: "one two", expectedCursor: 4, action: .redraw),
        Row(text: "one two", cursor: 0, input: .wordRight, expected: "one two", expectedCursor: 3, action: .redraw),
        Row(text: "ab", cursor: 1, input: .paste("1\n2"), expected: "a1\n2b", expectedCursor: 4, action: .redraw),
        Row(text: "ab", cursor: 1, input: .paste(""), expected: "ab", expectedCursor: 1, action: .none),
        Row(text: "ab", cursor: 1, input: .ignored, expected: "ab", expectedCursor: 1, action: .none),
        Row(text: "ab", cursor: 1, input: .interrupt, expected: "", expectedCursor: 0, action: .redraw),
        Row(text: "", cursor: 0, input: .interrupt, expected: "", expectedCursor: 0, action: .cancel),
        Row(text: "  ", cursor: 2, input: .enter, expected: "", expectedCursor: 0, action: .askAgain),
        Row(text: "", cursor: 0, input: .enter, expected: "", expectedCursor: 0, action: .askAgain),
        Row(text: "hi there", cursor: 2, input: .enter, expected: "", expectedCursor: 0, action: .submit("hi there")),
        Row(text: "日本", cursor: 1, input: .character("語"), expected: "日語本", expectedCursor: 2, action: .redraw),
    ]

    @Test(arguments: rows)
    func key(row: Row) {
        var editor = Self.editor(row.text, cursor: row.cursor)
        #expect(editor.cursor == row.cursor)
        #expect(editor.handle(row.input) == row.action)
        #expect(editor.text == row.expected)
        #expect(editor.cursor == row.expectedCursor)
    }

    @Test func aMultiLinePasteWithKeysInItIsOneTask() {
        var editor = LineEditor()
        _ = editor.handle(.paste("first line q\ny\nsecond\n"))
        #expect(editor.handle(.enter) == .submit("first line q\ny\nsecond\n"))
    }

    @Test func upAndDownWalkTheHistoryAndGiveBackTheDraft() {
        var editor = Self.editor("draft", history: ["oldest", "newest"])
        #expect(editor.handle(.up) == .redraw)
        #expect(editor.text == "newest" && editor.cursor == 6 && editor.historyIndex == 1)
        #expect(editor.handle(.up) == .redraw)
        #expect(editor.text == "oldest")
        #expect(editor.handle(.up) == .none, "no older entry")
        #expect(editor.text == "oldest")
        #expect(editor.handle(.down) == .redraw)
        #expect(editor.text == "newest")
        #expect(editor.handle(.down) == .redraw)
        #expect(editor.text == "draft" && editor.historyIndex == nil)
        #expect(editor.handle(.down) == .none)
    }

    @Test func anEmptyHistoryIgnoresUp() {
        var editor = Self.editor("x")
        #expect(editor.handle(.up) == .none)
        #expect(editor.text == "x")
    }

    @Test func anEditedHistoryEntryIsSubmittedAsEdited() {
        var editor = LineEditor(history: ["What is 2+2?"])
        _ = editor.handle(.up)
        _ = editor.handle(.backspace)
        _ = editor.handle(.character("!"))
        #expect(editor.handle(.enter) == .submit("What is 2+2!"))
        #expect(editor.historyIndex == nil)
    }

    @Test func anEmptySubmitAsksAgainAndTheNextLineStillWorks() {
        var editor = LineEditor()
        #expect(editor.handle(.enter) == .askAgain)
        _ = editor.handle(.character("a"))
        #expect(editor.handle(.enter) == .submit("a"))
    }
}
