/// The Task prompt's line editor as an I/O-free state machine: inputs (decoded keys and pastes)
/// go in, actions come out; the terminal edge (`TerminalLinePrompt`) reads bytes and draws.
///
/// It edits like a shell prompt (readline's and zsh's emacs keys, the ones people expect):
/// arrows, Home/End, Ctrl-A/E (start/end), Ctrl-B/F (left/right), Ctrl-U/K (cut to start/end),
/// Ctrl-W (cut the word before the cursor), Backspace, Delete/Ctrl-D (delete forward), Up/Down
/// (and Ctrl-P/N) through the history of earlier tasks, Enter submits. A paste is inserted as
/// text, newlines kept, so a multi-line paste is one task and a pasted Enter submits nothing.
/// Ctrl-C clears a line with text and leaves on an empty one; Ctrl-D leaves on an empty line.
///
/// Shaped like async-http-client's `StateMachine` structs: a value with `mutating` handlers that
/// return what the caller must do, so every key is tested row by row without a terminal.
public struct LineEditor: Sendable, Equatable {
    public enum Input: Sendable, Hashable {
        case character(Character)
        case paste(String)
        case left, right, home, end, up, down
        case wordLeft, wordRight
        case backspace, delete
        /// Ctrl-U: cut from the start of the line to the cursor.
        case killToStart
        /// Ctrl-K: cut from the cursor to the end of the line.
        case killToEnd
        /// Ctrl-W: cut the word before the cursor (and the spaces after it).
        case killWord
        case enter
        case interrupt
        /// Ctrl-D: delete forward, or leave when the line is empty (end of input).
        case endOfInput
        /// A key the prompt does not use (Tab, a lone Esc, F-keys): ignored, never inserted.
        case ignored
    }

    public enum Action: Sendable, Hashable {
        /// The line or the cursor changed: draw it again.
        case redraw
        /// Nothing changed (a key with nothing to act on, e.g. Backspace at the start).
        case none
        /// Enter on a line with text: the task, exactly as typed or pasted (newlines kept).
        case submit(String)
        /// Enter on an empty (or blank) line: say so and ask again; the line is cleared.
        case askAgain
        /// Ctrl-C or Ctrl-D on an empty line: leave without a task.
        case cancel
    }

    /// The line being edited, and the cursor as an offset into it (0...line.count).
    public private(set) var line: [Character] = []
    public private(set) var cursor = 0
    /// Earlier tasks, oldest first (as `TaskHistory` keeps them, newest last).
    public let history: [String]
    /// The history entry shown (an index into `history`), or nil for the line being typed.
    public private(set) var historyIndex: Int?
    /// What was typed before Up went into the history, given back by Down past the newest.
    private var draft: [Character] = []

    public init(history: [String] = []) {
        self.history = history
    }

    public var text: String { String(line) }

    public mutating func handle(_ input: Input) -> Action {
        switch input {
        case .character(let c):
            insert([c])
        case .paste(let text):
            guard !text.isEmpty else { return .none }
            insert(Array(text))
        case .left:
            guard cursor > 0 else { return .none }
            cursor -= 1
        case .right:
            guard cursor < line.count else { return .none }
            cursor += 1
        case .home:
            guard cursor > 0 else { return .none }
            cursor = 0
        case .end:
            guard cursor < line.count else { return .none }
            cursor = line.count
        case .wordLeft:
            let target = wordStart(before: cursor)
            guard target != cursor else { return .none }
            cursor = target
        case .wordRight:
            var i = cursor
            while i < line.count, line[i].isWhitespace { i += 1 }
            while i < line.count, !line[i].isWhitespace { i += 1 }
            guard i != cursor else { return .none }
            cursor = i
        case .backspace:
            guard cursor > 0 else { return .none }
            line.remove(at: cursor - 1)
            cursor -= 1
        case .delete:
            guard cursor < line.count else { return .none }
            line.remove(at: cursor)
        case .endOfInput:
            if line.isEmpty { return .cancel }
            guard cursor < line.count else { return .none }
            line.remove(at: cursor)
        case .killToStart:
            guard cursor > 0 else { return .none }
            line.removeSubrange(0..<cursor)
            cursor = 0
        case .killToEnd:
            guard cursor < line.count else { return .none }
            line.removeSubrange(cursor...)
        case .killWord:
            let start = wordStart(before: cursor)
            guard start < cursor else { return .none }
            line.removeSubrange(start..<cursor)
            cursor = start
        case .up:
            guard !history.isEmpty else { return .none }
            let index = (historyIndex ?? history.count) - 1
            guard index >= 0 else { return .none }
            if historyIndex == nil { draft = line }
            show(index)
        case .down:
            guard let index = historyIndex else { return .none }
            if index + 1 < history.count {
                show(index + 1)
            } else {
                historyIndex = nil
                line = draft
                cursor = line.count
            }
        case .enter:
            let text = String(line)
            reset()
            if text.allSatisfy(\.isWhitespace) { return .askAgain }
            return .submit(text)
        case .interrupt:
            if line.isEmpty { return .cancel }
            reset()
        case .ignored:
            return .none
        }
        return .redraw
    }

    private mutating func insert(_ characters: [Character]) {
        line.insert(contentsOf: characters, at: cursor)
        cursor += characters.count
    }

    private mutating func show(_ index: Int) {
        historyIndex = index
        line = Array(history[index])
        cursor = line.count
    }

    private mutating func reset() {
        line = []
        cursor = 0
        historyIndex = nil
        draft = []
    }

    /// The start of the word before `offset`: back over spaces, then over the word (readline's
    /// `unix-word-rubout` for Ctrl-W, whitespace-delimited).
    private func wordStart(before offset: Int) -> Int {
        var i = offset
        while i > 0, line[i - 1].isWhitespace { i -= 1 }
        while i > 0, !line[i - 1].isWhitespace { i -= 1 }
        return i
    }
}
