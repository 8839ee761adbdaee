import Testing

@testable import ChorusTUI

/// The one rule for how the read-only views scroll (`Key.pagerRow`): help, agreement, diff, task.
struct PagerKeysTests {
    @Test(arguments: [
        (Key.up, 9), (.character("k"), 9), (.down, 11), (.character("j"), 11), (.pageUp, 6), (.pageDown, 14),
        (.character(" "), 14), (.home, 0), (.character("g"), 0), (.end, Int.max), (.character("G"), Int.max),
    ])
    func eachKeyScrollsAsAPager(key: Key, row: Int) {
        #expect(key.pagerRow(from: 10, page: 4) == row)
    }

    @Test func otherKeysAreLeftToTheView() {
        #expect(Key.escape.pagerRow(from: 10, page: 4) == nil)
        #expect(Key.character("a").pagerRow(from: 10, page: 4) == nil)
        #expect(Key.tab.pagerRow(from: 10, page: 4) == nil)
    }
}
