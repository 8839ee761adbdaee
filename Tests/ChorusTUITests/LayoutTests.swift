import Testing
@testable import ChorusTUI

@Suite struct LayoutTests {
    @Test func panesSitSideBySideWhenWideAndStackWhenNarrow() {
        let wide = Layout(width: 120, height: 24, workerCount: 3, answerVisible: false)
        #expect(wide.columns == 3)
        // Row 0 is the header line (issue 14), the last row the key line.
        #expect(wide.header == Rect(x: 0, y: 0, width: 120, height: 1))
        #expect(wide.panes[0] == Rect(x: 0, y: 1, width: 40, height: 22))
        #expect(wide.panes[2] == Rect(x: 80, y: 1, width: 40, height: 22))

        let narrow = Layout(width: 40, height: 24, workerCount: 3, answerVisible: false)
        #expect(narrow.columns == 1)
        #expect(narrow.visibleRows == 3)
        #expect(narrow.panes[1]?.y == 9)
    }

    @Test func columnsAreBalanced() {
        let layout = Layout(width: 200, height: 60, workerCount: 8, answerVisible: false)
        #expect(layout.columns == 4, "8 panes in 2 rows of 4, not 6 + 2")
        #expect(layout.totalRows == 2)
    }

    @Test func aShortLastRowStretchesItsPanes() {
        let layout = Layout(width: 80, height: 24, workerCount: 3, answerVisible: false)
        #expect(layout.panes[2]?.width == 80)
        #expect(layout.wrapWidths == [38, 38, 78])
    }

    @Test func theAnswerTakesWhatItNeedsUpToTwoFifths() {
        let small = Layout(width: 120, height: 30, workerCount: 3, answerVisible: true, answerRows: 2)
        #expect(small.answer?.height == 4)
        let big = Layout(width: 120, height: 30, workerCount: 3, answerVisible: true, answerRows: 100)
        #expect(big.answer?.height == 28 * 2 / 5)
        #expect(big.answer?.maxY == 29)
        #expect(big.panes[0]?.maxY == big.answer?.y)
    }

    @Test func morePanesThanFitScrollByRows() {
        let layout = Layout(width: 80, height: 24, workerCount: 20, answerVisible: false, firstRow: 3)
        #expect(layout.totalRows == 10)
        #expect(layout.visibleRows == 4)
        #expect(layout.firstRow == 3)
        #expect(layout.visibleWorkers == Array(6..<14))
        #expect(layout.firstRow(showing: 19, current: 3) == 6)
        #expect(layout.firstRow(showing: 0, current: 3) == 0)
        #expect(layout.firstRow(showing: 9, current: 3) == 3)
        let clamped = Layout(width: 80, height: 24, workerCount: 20, answerVisible: false, firstRow: 99)
        #expect(clamped.firstRow == 6)
    }

    @Test func zoomGivesOneItemTheWholeScreen() {
        let worker = Layout(width: 100, height: 30, workerCount: 5, answerVisible: true, zoom: .worker(3))
        #expect(worker.panes == [3: Rect(x: 0, y: 1, width: 100, height: 28)])
        #expect(worker.answer == nil)
        #expect(worker.wrapWidths[3] == 98)
        let answer = Layout(width: 100, height: 30, workerCount: 5, answerVisible: true, zoom: .answer)
        #expect(answer.panes.isEmpty)
        #expect(answer.answer == Rect(x: 0, y: 1, width: 100, height: 28))
    }

    @Test(arguments: [(0, 0), (23, 40), (80, 7), (-5, -5)])
    func tooSmallTerminals(width: Int, height: Int) {
        let layout = Layout(width: width, height: height, workerCount: 3, answerVisible: true)
        #expect(layout.tooSmall)
        #expect(layout.panes.isEmpty)
        #expect(layout.wrapWidths.allSatisfy { $0 >= 1 })
    }

    @Test func theSmallestUsableTerminalStillShowsAPaneAndTheAnswer() {
        let layout = Layout(width: Layout.minimumWidth, height: Layout.minimumHeight, workerCount: 20, answerVisible: true, answerRows: 9)
        #expect(!layout.tooSmall)
        #expect(layout.panes.count == 1)
        #expect(layout.answer?.height == 3)
    }

    @Test func noWorkersIsNotACrash() {
        let layout = Layout(width: 80, height: 24, workerCount: 0, answerVisible: false)
        #expect(layout.panes.isEmpty)
        #expect(layout.totalRows == 0)
    }
}
