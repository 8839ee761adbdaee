import Chorus
import Testing
@testable import ChorusTUI

/// Issue 14's input fixes in the reducer and the frame: pasted text is never keys, the help
/// scrolls, the key line keeps the basics at 80 columns, and a status message has its own line.
@Suite struct InputKeysTests {
    @Test func pastedTextIsNeverReadAsKeys() {
        var state = ReducerKeyTests.finished()
        let before = state.selection
        for paste in ["q", "y", "s", "c", "r", "R", "qyscrR\n", "\u{1B}"] {
            #expect(state.update(.key(.paste(paste))) == [], "paste \(paste.debugDescription) acted")
        }
        #expect(!state.hasQuit)
        #expect(!state.confirmingQuit)
        #expect(state.selection == before)
        #expect(state.message?.text.contains("pasted text is not read as keys") == true)
    }

    @Test func aPasteDoesNotCloseOrScrollTheHelp() {
        var state = ReducerKeyTests.finished(width: 40, height: 10)
        _ = state.update(.key(.character("?")))
        _ = state.update(.key(.paste("j q")))
        #expect(state.showHelp)
        #expect(state.helpScroll == 0)
    }

    @Test func theHelpScrollsWhenLongerThanTheScreen() throws {
        var state = ReducerKeyTests.finished(width: 40, height: 10)
        _ = state.update(.key(.character("?")))
        let box = HelpBox(width: 40, height: 10)
        try #require(box.maxScroll > 0, "the help must be longer than a 40x10 screen for this test")
        _ = state.update(.key(.down))
        #expect(state.helpScroll == 1)
        _ = state.update(.key(.character("j")))
        #expect(state.helpScroll == 2)
        _ = state.update(.key(.character("k")))
        #expect(state.helpScroll == 1)
        _ = state.update(.key(.pageDown))
        _ = state.update(.key(.pageDown))
        _ = state.update(.key(.pageDown))
        #expect(state.helpScroll == box.maxScroll, "stops at the last line")
        #expect(Renderer.render(state).plainText.contains(UIState.keyHelp.last!.keys))
        _ = state.update(.key(.pageUp))
        _ = state.update(.key(.home))
        #expect(state.helpScroll == 0)
        #expect(Renderer.render(state).plainText.contains(UIState.keyHelp.first!.keys))
        #expect(state.update(.key(.character("q"))) == [], "another key closes the help without acting")
        #expect(!state.showHelp && !state.hasQuit)
        #expect(state.helpScroll == 0, "the next help starts at the top")
    }

    @Test func helpScrolledSnapshot() {
        var state = ReducerKeyTests.finished(width: 40, height: 10)
        _ = state.update(.key(.character("?")))
        _ = state.update(.key(.pageDown))
        Snapshot.check(Renderer.render(state), named: "help-scrolled-40x10")
    }

    /// The basics at 80 columns (select, zoom, retry, strategy, agreement, quit, help); the rarer
    /// keys go first.
    @Test func theKeyLineKeepsTheBasicsAt80Columns() {
        let state = ReducerKeyTests.finished(width: 80, height: 24)
        let grid = Renderer.render(state)
        let keyLine = grid.plainText.split(separator: "\n", omittingEmptySubsequences: false)[23]
        for basic in ["←→ select", "⏎ zoom", "r retry", "s strategy", "a agreement", "? help", "q quit"] {
            #expect(keyLine.contains(basic), "\(basic) missing from: \(keyLine)")
        }
        Snapshot.check(grid, named: "keyline-80x24")
    }

    @Test func aStatusMessageTakesTheLineAboveTheKeyLine() {
        var state = ReducerKeyTests.finished(width: 80, height: 24)
        _ = state.update(.key(.character("r")))  // the first pane succeeded: says why r does nothing
        let message = state.message?.text ?? ""
        #expect(!message.isEmpty)
        let layout = state.layout
        #expect(layout.statusLine == Rect(x: 0, y: 22, width: 80, height: 1))
        let lines = Renderer.render(state).plainText.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[22].contains(message.prefix(40)))
        #expect(lines[23].contains("q quit"), "the key line stays")
        Snapshot.check(Renderer.render(state), named: "keyline-with-message-80x24")
        // When the message expires the line goes back to the panes.
        state.update(.tick(now: state.now + UIState.messageDuration + 1))
        #expect(state.message == nil)
        #expect(state.layout.statusLine == nil)
    }

    /// In the agreement view too: the sheet ends above the message, whose line is its own.
    @Test func aStatusMessageInTheAgreementViewSitsBelowTheSheet() throws {
        var state = ReducerKeyTests.finished(width: 80, height: 24)
        _ = state.update(.key(.character("a")))
        _ = state.update(.key(.character("r")))
        let message = try #require(state.message?.text)
        let lines = Renderer.render(state).plainText.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[21].hasPrefix("┗"), "the sheet's bottom edge is whole: \(lines[21])")
        #expect(lines[22].contains(message.prefix(30)))
        #expect(lines[23].contains("close"))
    }
}
