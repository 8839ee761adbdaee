import Chorus
import ChorusTestSupport
import Foundation
import Testing

@testable import ChorusCLI

/// Terminal safety in every output (issue 13): what reaches a terminal shows controls as symbols
/// (`TerminalSafeText`); the answer and JSON written to a pipe or a file are the raw bytes.
@Suite struct TerminalSafetyTests {
    /// An answer that would clear the screen, write the clipboard, overwrite its own line and
    /// show a path reversed, if written raw.
    static let hostile =
        "See /tmp/\u{202E}fdp.exe\u{202C} and \u{2066}x\u{2069}.\u{1B}[2J\u{1B}]52;c;aGk=\u{07}\u{9B}31m\nsafe\rEVIL\u{08}"

    static func harness(answer: String = hostile, stdoutIsTerminal: Bool, stderrIsTerminal: Bool = false) -> Harness {
        var h = Harness()
        h.models = { _ in InstantModel(answer: answer) }
        h.stdoutIsTerminal = stdoutIsTerminal
        h.stderrIsTerminal = stderrIsTerminal
        return h
    }

    @Test func theAnswerAtATerminalShowsControlsAsSymbols() async {
        let h = Self.harness(stdoutIsTerminal: true)
        #expect(await h.run(["run", "q", "--strategy", "vote"]) == 0)
        #expect(h.out.text == TerminalSafeText.sanitize(Self.hostile) + "\n")
        #expect(h.out.text.contains("/tmp/\u{FFFD}fdp.exe\u{FFFD}"))
        #expect(!h.out.text.unicodeScalars.contains { TerminalSafeText.isDangerous($0) && $0 != "\n" })
    }

    @Test func theAnswerPipedIsTheRawBytes() async {
        let h = Self.harness(stdoutIsTerminal: false, stderrIsTerminal: true)
        #expect(await h.run(["run", "q", "--strategy", "vote"]) == 0)
        #expect(Array(h.out.text.utf8) == Array((Self.hostile + "\n").utf8))
    }

    @Test func jsonAtATerminalEscapesControlsAndPipedIsRaw() async throws {
        let terminal = Self.harness(stdoutIsTerminal: true)
        #expect(await terminal.run(["run", "q", "--strategy", "vote", "--json"]) == 0)
        #expect(!terminal.out.text.unicodeScalars.contains { TerminalSafeText.isDangerous($0) && $0 != "\n" })
        #expect(decode(terminal.out.text)?["output"] as? String == Self.hostile, "the same value, escaped")

        let piped = Self.harness(stdoutIsTerminal: false)
        #expect(await piped.run(["run", "q", "--strategy", "vote", "--json"]) == 0)
        #expect(piped.out.text.unicodeScalars.contains("\u{202E}"), "piped JSON is the encoder's bytes")
        #expect(decode(piped.out.text)?["output"] as? String == Self.hostile)
    }

    @Test func anErrorLineIsOneSafeLineOnATerminalOrAPipe() async {
        for terminal in [true, false] {
            var h = Self.harness(stdoutIsTerminal: terminal, stderrIsTerminal: terminal)
            h.models = { _ in ScriptedModelFailing(error: TestFailure(message: "bad \u{1B}[2J\u{202E}key\u{202C}\nsecond line")) }
            #expect(await h.run(["run", "q", "--strategy", "vote"]) != 0)
            // At a terminal the live progress lines come first, with chorus's own cursor moves;
            // the messages are what follows "chorus: " on each line.
            let messages = h.err.text.split(separator: "\n").compactMap { line in
                line.range(of: "chorus: ").map { String(line[$0.lowerBound...]) }
            }
            #expect(!messages.isEmpty, "\(h.err.text)")
            for message in messages {
                #expect(!message.unicodeScalars.contains(where: TerminalSafeText.isDangerous), "\(message)")
            }
            #expect(messages.contains { $0.contains("bad ␛[2J\u{FFFD}key\u{FFFD} second line") }, "\(messages)")
            if terminal {
                // The failed worker's note on its progress line is shown safe too.
                #expect(h.err.text.contains("bad ␛[2J\u{FFFD}key"), "\(h.err.text)")
            }
        }
    }

    @Test func aParseErrorEchoingAnArgumentIsSafe() async {
        let h = Self.harness(stdoutIsTerminal: true, stderrIsTerminal: true)
        #expect(await h.run(["run", "q", "--strategy", "v\u{1B}]0;x\u{07}\u{202E}ote"]) == ChorusExitCode.usage.rawValue)
        #expect(h.err.text.contains("v␛]0;x␇\u{FFFD}ote"), "\(h.err.text)")
        #expect(!h.err.text.unicodeScalars.contains { TerminalSafeText.isDangerous($0) && $0 != "\n" })
    }

    @Test func warningsAndProgressLabelsAreSafe() {
        var record = Records.record([.succeeded, .succeeded, .failed])
        record.workers[2].attempts[0].error = "HTTP 500: \u{1B}]0;title\u{07}\u{2067}x\u{2069}"
        let lines = RunWarnings.lines(for: record)
        #expect(lines.contains { $0.contains("␛]0;title␇\u{FFFD}x\u{FFFD}") }, "\(lines)")

        var plan = Records.plan(workers: 2)
        plan.workers[0].label = "evil\u{1B}[2J\u{202E}"
        var board = ProgressBoard(plan: plan)
        _ = board.apply(.workerStarted(worker: 0, attempt: 1), at: .zero)
        let rendered = board.render(now: .seconds(1), width: 200).joined(separator: "\n")
        #expect(rendered.contains("evil␛[2J\u{FFFD}"))
        #expect(!rendered.unicodeScalars.contains { TerminalSafeText.isDangerous($0) && $0 != "\n" })
    }

    @Test func aLineIsFoldedAndSafeWhileWriteKeepsBytes() {
        let buffer = TextBuffer()
        let output = buffer.output(isTerminal: false)
        output.line("a\u{1B}[2J\nb\u{202E}")
        output.write("raw\u{1B}\u{202E}\n")
        #expect(buffer.text == "a␛[2J b\u{FFFD}\nraw\u{1B}\u{202E}\n")
    }
}

private struct TestFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
