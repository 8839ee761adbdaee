import Chorus
import Testing

@testable import ChorusCLI

/// The batch's progress line and summary, from counts and limiter snapshots.
@Suite struct BatchStatusTextTests {
    func snapshot(paused: Duration? = nil, slowed: Bool = false, current: Double? = 600, configured: Double? = 600) -> RateLimiter.Snapshot {
        RateLimiter.Snapshot(
            name: "openai", pausedFor: paused, lastPushback: "HTTP 429 rate limited", currentRPM: current, configuredRPM: configured,
            currentTPM: nil, configuredTPM: nil, slowedDown: slowed, pushbacks: 3, waiting: 4)
    }

    func progress() -> BatchProgress {
        var p = BatchProgress()
        p.total = 990
        p.finished = 402
        p.failed = 3
        p.inFlight = 64
        p.promptTokens = 30_000
        p.completionTokens = 8_200
        p.elapsed = .seconds(60)
        return p
    }

    @Test func theLiveLineSaysDoneFailedInFlightRatesAndETA() {
        let line = BatchStatusText.line(progress(), skipped: 10, limiters: [snapshot(current: nil, configured: nil)])
        #expect(line == "412/1000 · 3 failed · 64 in flight · 402 items/min · 38.2k tok/min · ETA 1 m 28 s")
    }

    @Test func theLiveLineSaysWhyItWaits() {
        let paused = BatchStatusText.line(progress(), skipped: 0, limiters: [snapshot(paused: .milliseconds(11_200))])
        #expect(paused.hasSuffix("openai: waiting 12 s: provider asked to slow down (HTTP 429 rate limited)"))
        let slowed = BatchStatusText.line(progress(), skipped: 0, limiters: [snapshot(slowed: true, current: 300)])
        #expect(slowed.hasSuffix("openai: slowed to 300 req/min of 600 after 3 pushbacks"))
        let atLimit = BatchStatusText.line(progress(), skipped: 0, limiters: [snapshot()])
        #expect(atLimit.hasSuffix("openai: at 600 req/min"))
    }

    @Test func theLiveLineSaysWhenItStops() {
        var p = progress()
        p.stopping = true
        #expect(BatchStatusText.line(p, skipped: 0, limiters: []).hasSuffix("stopping: no new items (Ctrl-C again cancels the 64 in flight)"))
        p.cancelling = true
        #expect(BatchStatusText.line(p, skipped: 0, limiters: []).hasSuffix("cancelling the items in flight"))
    }

    @Test func theSummaryCutsAGiveUpToTheFirstWorkersReason() {
        var p = BatchProgress()
        p.total = 40
        p.finished = 10
        p.failed = 10
        p.allFailed = 10
        p.gaveUp = "All 3 workers failed: worker 1: HTTP 401 bad key; fix: set OPENAI_API_KEY; worker 2: HTTP 401 bad key"
        let summary = BatchSummary(
            progress: p, selection: BatchLedger.Selection(), items: 40, inputName: "-", out: "out.jsonl", shard: nil, pushbacks: 0)
        #expect(summary.exitCode == .itemsFailed)
        #expect(summary.input == "standard input")
        #expect(summary.lines.contains {
            $0 == "stopped: the first 10 items failed in every worker, so the other 30 were not started; the last error: All 3 workers failed: worker 1: HTTP 401 bad key; fix: set OPENAI_API_KEY"
        })
        #expect(RateText.duration(seconds: 0.42) == "0.4 s")
        #expect(RateText.duration(seconds: 187) == "3 m 07 s")
        #expect(RateText.count(38_200) == "38.2k")
    }
}
