import Chorus
import Testing

@testable import ChorusTUI

/// 256 workers (issue 16): the screen shows the panes that fit, and the key line sums up the rest.
@Suite struct ManyWorkersTests {
    @Test(arguments: [(80, 24), (200, 60)])
    func panesThatFitAndASummaryOfTheRest(width: Int, height: Int) {
        let state = SnapshotTests.midRun(workers: 256, width: width, height: height)
        let frame = Renderer.render(state)
        Snapshot.check(frame, named: "midrun-\(width)x\(height)-256w")

        let layout = Layout(width: width, height: height, workerCount: 256, answerVisible: false)
        let shown = Set(layout.visibleWorkers)
        #expect(!shown.isEmpty && shown.count < 256)
        for rect in layout.panes.values {
            #expect(rect.x >= 0 && rect.y >= 0 && rect.x + rect.width <= width && rect.y + rect.height < height)
        }
        // midRun: worker w is done (w % 4 == 0), streaming (1), failed (2) or waiting (3).
        let hidden = (0..<256).filter { !shown.contains($0) }
        let done = hidden.filter { $0 % 4 == 0 }.count
        let failed = hidden.filter { $0 % 4 == 2 }.count
        let running = hidden.count - done - failed
        #expect(Renderer.hiddenSummary(state, shown: Array(shown)) == "\(done) done, \(running) running, \(failed) failed")
        let keyLine = frame.plainText.split(separator: "\n").last.map(String.init) ?? ""
        if width >= 200 { #expect(keyLine.contains("others: \(done) done, \(running) running, \(failed) failed")) }
        #expect(keyLine.contains("of 256"))
    }
}
