import Foundation
import Testing
@testable import ChorusTUI

@Suite struct FramePacerTests {
    @Test func drawsAtMostOncePerFrameInterval() {
        var pacer = FramePacer(framesPerSecond: 30)
        #expect(pacer.frameInterval == 33)
        let first = pacer.takeFrame(now: 0)
        #expect(first)
        pacer.markDirty()
        let burst = pacer.takeFrame(now: 10)
        #expect(!burst, "a burst within one frame costs one redraw")
        #expect(pacer.timeout(now: 10, animating: false) == 23)
        let next = pacer.takeFrame(now: 33)
        #expect(next)
        let idle = pacer.takeFrame(now: 100)
        #expect(!idle, "nothing changed, nothing drawn")
    }

    @Test func sleepsUntilTheNextTickWhileAnimatingAndLongerWhenIdle() {
        var pacer = FramePacer(framesPerSecond: 30)
        _ = pacer.takeFrame(now: 0)
        #expect(pacer.timeout(now: 1234, animating: true) == 66)
        #expect(pacer.timeout(now: 1234, animating: false) == 100, "a resize is noticed within 0.1 s")
    }
}

@Suite struct AnswerFileTests {
    @Test func writesANewFileAndNeverOverwrites() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        let first = try AnswerFile.write("one", directory: dir.path, date: date)
        let second = try AnswerFile.write("two\n", directory: dir.path, date: date)
        #expect(first.hasSuffix(".md"))
        #expect(first != second)
        #expect(second.hasSuffix("-2.md"))
        #expect(try String(contentsOfFile: first, encoding: .utf8) == "one\n")
        #expect(try String(contentsOfFile: second, encoding: .utf8) == "two\n")
    }

    @Test func anUnwritableDirectoryIsAnError() {
        #expect { try AnswerFile.write("x", directory: "/nonexistent/dir") } throws: { error in
            "\(error)".contains("/nonexistent/dir/chorus-answer-")
        }
    }
}

/// Issue 14's commands reach the controller: `p`'s accept (its record comes back like `s`'s) and
/// the merge's cancel.
@Suite struct PartialAndMergeCommandTests {
    @Test func acceptPartialAndCancelMergeCallTheController() async throws {
        let controller = FakeController(record: Fixtures.record(workers: 3), events: { _ in })
        let inbox = try Inbox()
        let performer = CommandPerformer(controller: controller, inbox: inbox, saveDirectory: NSTemporaryDirectory())
        performer.run(.acceptPartial(worker: 1))
        performer.run(.cancelMerge)
        for task in performer.tasks.withLock({ $0 }) { await task.value }
        let calls = await controller.calls
        #expect(calls.contains(.acceptPartial(1)))
        #expect(calls.contains(.cancelAggregation))
        let returned = inbox.take().messages.contains { message in
            if case .controllerReturned(_, after: .acceptPartial(worker: 1)?) = message { return true }
            return false
        }
        #expect(returned, "the accept's record comes back to the reducer")
    }
}
