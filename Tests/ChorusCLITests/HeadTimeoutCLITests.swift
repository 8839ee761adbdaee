import Chorus
import ChorusTestSupport
import Testing

@testable import ChorusCLI

/// The head limit on the command line: the progress line of a worker waiting for its response
/// head, the batch's count of re-sends, and the setting's defaults in `chorus run` and `chorus batch`.
@Suite struct HeadTimeoutCLITests {
    func board(head: Duration?) -> ProgressBoard {
        var plan = Records.plan(workers: 1)
        plan.workers[0].timeout = .seconds(30)
        plan.workers[0].headTimeout = head
        return ProgressBoard(plan: plan)
    }

    @Test func aWorkerWaitingForItsHeadShowsHowLongAndWhenItGivesUp() {
        var board = board(head: .seconds(60))
        _ = board.apply(.workerStarted(worker: 0, attempt: 1), at: .zero)
        #expect(board.render(now: .milliseconds(12_400), width: 80) == ["1  cost  ⠋ waiting    12.4s   queued 12s · gives up in 48s"])
        // The head came at 50 s: from then the 30 s total counts.
        #expect(board.apply(.workerResponded(worker: 0, attempt: 1), at: .seconds(50)) == .redraw)
        #expect(board.render(now: .seconds(55), width: 80) == ["1  cost  ⠋ waiting    55.0s   answering · gives up in 25s"])
        _ = board.apply(.workerChunk(worker: 0, attempt: 1, text: "Paris"), at: .seconds(56))
        #expect(board.render(now: .seconds(57), width: 80) == ["1  cost  ⠋ streaming  57.0s   ~1 tok"])
    }

    @Test func withoutAHeadLimitTheTotalCountsFromTheStart() {
        var board = board(head: nil)
        _ = board.apply(.workerStarted(worker: 0, attempt: 1), at: .zero)
        #expect(board.render(now: .seconds(12), width: 80) == ["1  cost  ⠋ waiting    12.0s   queued 12s · gives up in 18s"])
        _ = board.apply(.workerResponded(worker: 0, attempt: 1), at: .seconds(20))
        #expect(board.render(now: .seconds(21), width: 80) == ["1  cost  ⠋ waiting    21.0s   answering · gives up in 9s"])
        // A provider's retry reason takes the place of the wait.
        _ = board.apply(.workerStarted(worker: 0, attempt: 2), at: .seconds(30))
        _ = board.apply(.workerRetrying(worker: 0, attempt: 2, reason: "HTTP 429"), at: .seconds(31))
        #expect(board.render(now: .seconds(32), width: 80) == ["1  cost  ⠋ waiting    2.0s    retrying: HTTP 429"])
    }

    @Test func theBatchSaysWhatItSentAgain() {
        var p = BatchProgress()
        p.total = 10
        p.finished = 4
        p.inFlight = 6
        p.resends = 2
        p.elapsed = .seconds(60)
        #expect(BatchStatusText.line(p, skipped: 0, limiters: []).hasPrefix("4/10 · 2 sent again after no response · 6 in flight"))
        let summary = BatchSummary(
            progress: p, selection: BatchLedger.Selection(), items: 10, inputName: "in.jsonl", out: "out.jsonl", shard: nil, pushbacks: 0)
        #expect(summary.lines.contains("2 requests got no response in time and were sent again (at most 2 per worker; see --head-timeout)"))
        #expect(summary.json().contains(#""resends":2"#))
        p.resends = 0
        let quiet = BatchSummary(
            progress: p, selection: BatchLedger.Selection(), items: 10, inputName: "in.jsonl", out: "out.jsonl", shard: nil, pushbacks: 0)
        #expect(!quiet.lines.contains { $0.contains("sent again") })
    }
}

/// Where the head limit comes from: unset in `chorus run` (nil: nothing changes), batch's
/// default when the caller passes one, and a set value (flag, profile worker) wins over both.
@Suite struct HeadTimeoutSettingTests {
    func loaded(_ toml: String = "", flags: (inout SettingValues) throws -> Void = { _ in }) throws -> LoadedSettings {
        let dir = TempDir()
        let path = dir.write("c.toml", toml)
        var values = SettingValues()
        try values.set(\.provider, .string("openai"), at: .flag("--provider"))
        try flags(&values)
        var l = try LoadedSettings.load(.init(configFlag: path, flags: values), environment: ["OPENAI_API_KEY": "k"], home: dir.path)
        l.settings.model = Sourced("m", .builtIn)
        return l
    }

    @Test func unsetInARunTheBatchDefaultInABatchAndASetValueWins() throws {
        let run = try PlanBuilder(loaded()).plan(task: "q")
        #expect(run.workers.allSatisfy { $0.headTimeout == nil })
        let batch = try PlanBuilder(loaded()).plan(task: "q", headTimeout: Plan.batchHeadTimeout)
        #expect(batch.workers.allSatisfy { $0.headTimeout == .seconds(120) })
        let flagged = try loaded { v in try v.set(\.headTimeout, .string("45"), at: .flag("--head-timeout")) }
        #expect(try PlanBuilder(flagged).plan(task: "q", headTimeout: Plan.batchHeadTimeout).workers.allSatisfy { $0.headTimeout == .seconds(45) })
        let profile = try loaded(
            """
            [defaults]
            profile = "p"
            [profiles.p]
            head_timeout = 90
            [[profiles.p.workers]]
            focus = "a"
            [[profiles.p.workers]]
            focus = "b"
            head_timeout = 200
            """)
        let listed = try PlanBuilder(profile).plan(task: "q").workers.map(\.headTimeout)
        #expect(listed == [.seconds(90), .seconds(200)], "\(listed)")
    }

    @Test func badValuesGetTheTimeoutsMessage() throws {
        #expect(throws: ChorusError.usage("--head-timeout 0: a timeout must be above 0 seconds (e.g. 15)")) {
            _ = try self.loaded { v in try v.set(\.headTimeout, .string("0"), at: .flag("--head-timeout")) }
        }
    }
}
