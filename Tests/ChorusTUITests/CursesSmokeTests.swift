import Chorus
import Foundation
import Testing
@testable import ChorusTUI

/// The real curses backend on pipes (`newterm("xterm-256color", out, in)` needs no TTY): it
/// draws frames, reads keys, and gives the terminal back. Serialized: the signal trap is
/// process-wide.
@Suite(.serialized) struct CursesSmokeTests {
    struct Rig {
        let input: (read: Int32, write: Int32)
        let output = PipeCapture()
        let ui: TerminalUI

        init(width: Int = 100, height: Int = 30, noColor: Bool = false, theme: Theme = .builtInDefault, saveDirectory: String = ".") throws {
            var fds: [Int32] = [0, 0]
            precondition(pipe(&fds) == 0)
            input = (fds[0], fds[1])
            ui = try TerminalUI(options: .init(
                theme: theme, noColor: noColor, saveDirectory: saveDirectory,
                streams: .custom(input: input.read, output: output.writeDescriptor, terminalType: "xterm-256color", width: width, height: height)))
        }

        func type(_ keys: String) {
            var bytes = Array(keys.utf8)
            _ = write(input.write, &bytes, bytes.count)
        }

        func close() {
            Foundation.close(input.write)
            Foundation.close(input.read)
            output.closeWriter()
        }
    }

    @Test func drawsTheRunReadsKeysAndRestoresTheTerminal() async throws {
        let rig = try Rig()
        defer { rig.close() }
        let controller = FakeController(record: Fixtures.record(workers: 3), events: rig.ui.eventSink)
        async let outcome = rig.ui.run(controller: controller, startRun: true)

        #expect(await rig.output.wait { $0.contains("THE MERGED ANSWER") })
        let drawn = rig.output.text
        #expect(drawn.hasPrefix("\u{1B}[?1049h") || drawn.contains("\u{1B}[?1049h"), "the alternate screen was entered")
        #expect(drawn.contains("1 cost"))
        #expect(drawn.contains("concatenate"))
        #expect(drawn.contains("\u{1B}[38;5;"), "256-colour escapes from the theme")
        #expect(!drawn.contains("\u{1B}[?1000h"), "no mouse capture")

        rig.type("?")
        #expect(await rig.output.wait { $0.contains("any key closes this help") })
        rig.type("x")  // closes help
        rig.type("q")
        let result = try await outcome
        #expect(await rig.output.wait { $0.contains("\u{1B}[?1049l") }, "the terminal was restored")
        #expect(result.session.record.status == .succeeded)
        #expect(!result.session.quitWhileRunning)
        #expect(result.session.signal == nil)
        #expect(result.statistics.frames >= 2)
        #expect(await controller.calls == [.start])
    }

    @Test func keysBecomeControllerCalls() async throws {
        let rig = try Rig()
        defer { rig.close() }
        let controller = FakeController(record: Fixtures.record(workers: 3), events: rig.ui.eventSink)
        async let outcome = rig.ui.run(controller: controller, startRun: true)
        #expect(await rig.output.wait { $0.contains("THE MERGED ANSWER") })
        rig.type("s")
        let deadline = ContinuousClock.now + .seconds(20)
        while await !controller.calls.contains(.reaggregate(.vote)), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        rig.type("q")
        _ = try await outcome
        #expect(await controller.calls == [.start, .reaggregate(.vote)])
    }

    @Test func quittingWhileWorkRunsAsksThenCancels() async throws {
        let rig = try Rig(noColor: true)
        defer { rig.close() }
        let controller = FakeController(record: Fixtures.record(workers: 3), events: rig.ui.eventSink, hangs: true)
        async let outcome = rig.ui.run(controller: controller, startRun: true)
        #expect(await rig.output.wait { $0.contains("streaming") || $0.contains("waiting") })
        rig.type("q")
        #expect(await rig.output.wait { $0.contains("Quit and cancel it?") })
        rig.type("y")
        let result = try await outcome
        #expect(result.session.quitWhileRunning)
        #expect(await controller.calls.contains(.cancelAll))
        #expect(result.session.record.workers[0].status == .cancelled, "the cancelled work settled before the outcome")
        #expect(!rig.output.text.contains("\u{1B}[38;5;"), "NO_COLOR: no colour escapes")
    }

    @Test func aSignalRestoresTheTerminalAndReturnsTheRunSoFar() async throws {
        let rig = try Rig()
        defer { rig.close() }
        let controller = FakeController(record: Fixtures.record(workers: 2), events: rig.ui.eventSink, hangs: true)
        async let outcome = rig.ui.run(controller: controller, startRun: true)
        #expect(await rig.output.wait { $0.contains("2 risk") })
        kill(getpid(), SIGTERM)
        let result = try await outcome
        #expect(result.session.signal == SIGTERM)
        #expect(result.session.quitWhileRunning)
        #expect(await rig.output.wait { $0.contains("\u{1B}[?1049l") }, "the terminal was restored")
        #expect(result.session.record.workers[1].status == .succeeded, "finished work is kept")
    }

    @Test func aReopenedSessionDoesNotStartTheRunAndSavesTheAnswer() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-smoke-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var record = Fixtures.record(workers: 2)
        for w in 0..<2 { record.workers[w].attempts = [Fixtures.attempt(.succeeded, text: Fixtures.answers[w])] }
        record.aggregations = [Fixtures.aggregation(.vote, output: "SAVED ANSWER", inputs: [0, 1])]
        record.status = .succeeded
        let rig = try Rig(width: 80, height: 24, saveDirectory: dir.path)
        defer { rig.close() }
        let controller = FakeController(record: record, events: rig.ui.eventSink)
        async let outcome = rig.ui.run(controller: controller, startRun: false)
        #expect(await rig.output.wait { $0.contains("SAVED ANSWER") })
        rig.type("y")
        #expect(await rig.output.wait { $0.contains("saved the answer to") })
        rig.type("q")
        let result = try await outcome
        #expect(await controller.calls.isEmpty)
        let saved = try #require(result.session.savedPath)
        // The run's Markdown report, as chorus export writes it (issue 14).
        let document = try String(contentsOfFile: saved, encoding: .utf8)
        #expect(document.hasPrefix("# Chorus run\n\n**Task:**\n\n> \(record.task)"))
        #expect(document.contains("## Answer\n\nSAVED ANSWER\n"))
    }

    @Test func aResizeIsReadAsKeyResizeAndATinyTerminalSaysSo() async throws {
        let rig = try Rig(width: 12, height: 4)
        defer { rig.close() }
        let controller = FakeController(record: Fixtures.record(workers: 3), events: rig.ui.eventSink)
        async let outcome = rig.ui.run(controller: controller, startRun: false)
        #expect(await rig.output.wait { $0.contains("q quits") })
        rig.type("q")
        _ = try await outcome
    }

    @Test func anUnknownTerminalTypeIsOneClearError() async throws {
        var fds: [Int32] = [0, 0]
        precondition(pipe(&fds) == 0)
        let out = PipeCapture()
        defer { close(fds[0]); close(fds[1]); out.closeWriter() }
        let ui = try TerminalUI(options: .init(streams: .custom(input: fds[0], output: out.writeDescriptor, terminalType: "no-such-terminal-xyz", width: 80, height: 24)))
        let controller = FakeController(record: Fixtures.record(workers: 1), events: ui.eventSink)
        await #expect {
            try await ui.run(controller: controller, startRun: true)
        } throws: { error in
            "\(error)".contains("'no-such-terminal-xyz' is unknown")
        }
        #expect(await controller.calls.isEmpty, "nothing ran")
    }
}
