import Foundation
import Testing
@testable import ChorusTUI

/// The real curses backend decoding the key sequences terminals send that `xterm-256color`'s
/// terminfo does not list (tmux and VT220-style Home/End: they were read as Esc), and bracketed
/// paste. In `CursesSmokeTests`' suite: curses' state is process-wide, so these run one at a time.
extension CursesSmokeTests {
    static let sequenceRows: [(bytes: String, keys: [Key])] = [
        ("\u{1B}[1~", [.home]), ("\u{1B}[7~", [.home]), ("\u{1B}OH", [.home]), ("\u{1B}[H", [.home]),
        ("\u{1B}[4~", [.end]), ("\u{1B}[8~", [.end]), ("\u{1B}OF", [.end]), ("\u{1B}[F", [.end]),
        // A paste: one `.paste`, line breaks kept (CR becomes LF), and none of its letters as keys.
        ("\u{1B}[200~q\ry\r\ns c\u{1B}[201~", [.paste("q\ny\ns c")]),
        ("a\u{1B}[200~x\u{1B}[201~b", [.character("a"), .paste("x"), .character("b")]),
        ("\u{1B}[200~日本\u{1B}[201~", [.paste("日本")]),
        // Neighbours still decode as before.
        ("\u{1B}OA", [.up]), ("q", [.character("q")]), ("\u{03}", [.interrupt]),
    ]

    @Test(arguments: sequenceRows.indices)
    func curses_decodes(row index: Int) throws {
        let row = Self.sequenceRows[index]
        var fds: [Int32] = [0, 0]
        precondition(pipe(&fds) == 0)
        let output = PipeCapture()
        let screen = try CursesScreen(
            streams: .custom(input: fds[0], output: output.writeDescriptor, terminalType: "xterm-256color", width: 80, height: 24),
            theme: .builtInDefault, noColor: true)
        defer {
            screen.end()
            close(fds[0])
            close(fds[1])
            output.closeWriter()
        }
        let bytes = Array(row.bytes.utf8)
        _ = bytes.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
        var keys: [Key] = []
        for _ in 0..<100 where keys.count < row.keys.count {
            keys += screen.readKeys().keys
            if keys.count < row.keys.count { usleep(10_000) }
        }
        #expect(keys == row.keys, "\(row.bytes.debugDescription)")
    }

    /// The screen asks for bracketed paste on start and turns it off, after clearing the
    /// alternate screen, on the way out (the resize leak: see `CursesScreen.end`).
    @Test func pasteModeIsOnWhileRunningAndTheAlternateScreenIsClearedBeforeLeaving() async throws {
        var fds: [Int32] = [0, 0]
        precondition(pipe(&fds) == 0)
        let output = PipeCapture()
        let screen = try CursesScreen(
            streams: .custom(input: fds[0], output: output.writeDescriptor, terminalType: "xterm-256color", width: 40, height: 10),
            theme: .builtInDefault, noColor: true)
        var grid = CellGrid(width: 40, height: 10)
        grid.fill(grid.bounds, "X", role: .text)
        screen.draw(grid)
        screen.end()
        close(fds[0])
        close(fds[1])
        output.closeWriter()
        #expect(await output.wait { $0.contains("\u{1B}[?1049l") })
        let text = output.text
        let on = try #require(text.range(of: TerminalKeySequences.enablePaste))
        let drawn = try #require(text.range(of: "XXXX"))
        let clear = try #require(text.range(of: "\u{1B}[2J", range: drawn.upperBound..<text.endIndex), "cleared after the frame")
        let off = try #require(text.range(of: TerminalKeySequences.disablePaste))
        let leave = try #require(text.range(of: "\u{1B}[?1049l"))
        #expect(on.lowerBound < drawn.lowerBound)
        #expect(clear.upperBound <= off.lowerBound && off.upperBound <= leave.lowerBound)
        #expect(!text[leave.upperBound...].contains("XXXX"), "no frame after leaving")
    }
}
