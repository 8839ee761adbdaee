import Foundation
import Testing
@testable import ChorusTUI

/// Text snapshots of frames, kept under the test target's `__Snapshots__` folder.
///
/// A missing or different snapshot fails the test. `CHORUS_RECORD_SNAPSHOTS=1 swift test
/// --filter ChorusTUITests` writes them anew (then review the diff with git) - the way
/// swift-argument-parser's and swift-snapshot-testing's record modes work.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__")
    static var recording: Bool { ProcessInfo.processInfo.environment["CHORUS_RECORD_SNAPSHOTS"] == "1" }

    static func check(_ grid: CellGrid, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".txt")
        let actual = grid.snapshot
        if recording {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            do { try actual.write(to: url, atomically: true, encoding: .utf8) } catch {
                Issue.record("could not record \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record(
                "missing snapshot \(url.lastPathComponent); record it with CHORUS_RECORD_SNAPSHOTS=1\n\(grid.plainText)",
                sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
        let actualURL = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(name + ".actual.txt")
        try? actual.write(to: actualURL, atomically: true, encoding: .utf8)
        Issue.record(
            """
            snapshot \(name) differs at line \(line + 1):
              expected: \(line < e.count ? String(e[line]) : "<end>")
              actual:   \(line < a.count ? String(a[line]) : "<end>")
            whole frame written to \(actualURL.path); re-record with CHORUS_RECORD_SNAPSHOTS=1 if the change is intended
            \(grid.plainText)
            """, sourceLocation: sourceLocation)
    }
}
