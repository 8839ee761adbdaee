import Testing
@testable import ChorusTUI

/// Frames of the agreement view and of an answer that differs from the majority, as text
/// snapshots (`__Snapshots__/agreement-*.txt`, `answer-disagrees-*.txt`).
@Suite struct AgreementSnapshotTests {
    static let sizes = [(80, 24), (40, 12)]

    static let cases: [(name: String, make: @Sendable (Int, Int) -> UIState)] = [
        ("exact", AgreementFixtures.exactMajority),
        ("tie", AgreementFixtures.tie),
        ("overlap", AgreementFixtures.overlap),
    ]

    @Test(arguments: ["exact", "tie", "overlap"], sizes.map { "\($0.0)x\($0.1)" })
    func agreementView(name: String, size: String) throws {
        let dims = size.split(separator: "x").compactMap { Int($0) }
        let make = try #require(Self.cases.first { $0.name == name }).make
        var state = make(dims[0], dims[1])
        state.update(.key(.character("a")))
        Snapshot.check(Renderer.render(state), named: "agreement-\(name)-\(size)")
    }

    @Test(arguments: sizes.map { "\($0.0)x\($0.1)" })
    func answerThatDiffersFromTheMajority(size: String) {
        let dims = size.split(separator: "x").compactMap { Int($0) }
        Snapshot.check(Renderer.render(AgreementFixtures.disagreeing(width: dims[0], height: dims[1])), named: "answer-disagrees-\(size)")
    }
}
