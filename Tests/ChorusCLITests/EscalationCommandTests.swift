import Chorus
import ChorusTestSupport
import Foundation
import Testing

@testable import ChorusCLI

/// `--escalate K` through the real commands, in-process, with scripted models: each worker's
/// answer is picked by its focus area, so the reserve's focus areas (continuing the cycle) decide
/// what the extra workers say.
@Suite struct EscalationCommandTests {
    /// Answers by the focus area in the system message: "a" says 389, "b" 380, "c" 406; an
    /// item whose prompt holds "AGREE" gets 389 from everyone.
    static var models: ModelFactory {
        let model = ScriptedModel(clock: ContinuousClock()) { request, _ in
            let system = request.messages.first { $0.role == .system }?.content ?? ""
            let prompt = request.messages.last?.content ?? ""
            if prompt.contains("AGREE") { return [.text("389")] }
            if system.contains("Focus on: a.") { return [.text("389")] }
            if system.contains("Focus on: b.") { return [.text("380")] }
            return [.text("406")]
        }
        return { _ in model }
    }

    static let focus = ["--focus", "a", "--focus", "b", "--focus", "c"]

    func harness() -> Harness {
        var h = Harness()
        h.models = Self.models
        return h
    }

    @Test func runStartsAnExtraWorkerAndSaysSo() async throws {
        let h = harness()
        let code = await h.run(["run", "What is 17 * 23?", "--json", "--workers", "3", "--escalate", "2", "--strategy", "vote"] + Self.focus)
        #expect(code == 0, "\(h.err.text)")
        let record = try RunRecord.makeDecoder().decode(RunRecord.self, from: Data(h.out.text.utf8))
        #expect(record.workers.count == 4)
        #expect(record.workers[3].escalated)
        #expect(record.workers[3].spec.focus == "a", "the focus areas continue cycling")
        #expect(record.escalation?.reserve.map(\.temperature) == [0.4, 0.8])
        #expect(record.escalation?.reserve.map(\.focus) == ["a", "b"])
        #expect(record.escalation?.steps.map(\.workers) == [[3]])
        #expect(record.output == "389")
        #expect(h.err.text.contains("chorus: escalated: +1 worker, a group is clear: 2 of 4 say 389\n"))
    }

    /// `--quiet` is "errors only": what escalation did is not an error (issue 15: the line was
    /// still printed). The record still carries it.
    @Test func quietLeavesOutTheEscalationLine() async throws {
        let h = harness()
        let code = await h.run(
            ["run", "What is 17 * 23?", "--json", "--quiet", "--workers", "3", "--escalate", "2", "--strategy", "vote"] + Self.focus)
        #expect(code == 0, "\(h.err.text)")
        #expect(h.err.text.isEmpty, "\(h.err.text)")
        let record = try RunRecord.makeDecoder().decode(RunRecord.self, from: Data(h.out.text.utf8))
        #expect(record.escalation?.started == [3])
    }

    @Test func withoutTheFlagNothingIsPlannedOrPrinted() async throws {
        let h = harness()
        #expect(await h.run(["run", "What is 17 * 23?", "--json", "--workers", "3", "--strategy", "vote"] + Self.focus) == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(h.out.text.utf8)) as? [String: Any])
        #expect(json["escalation"] == nil)
        #expect(!h.err.text.contains("escalat"))
    }

    @Test(arguments: [
        ("-1", "--escalate -1: the escalation budget is a number of extra workers, 0 (off) or more (e.g. 4)"),
        ("four", "--escalate four: expected a number of extra workers (a whole number)"),
        ("1000", "--escalate 1000: use at most 256 extra workers"),
    ])
    func aBadBudgetIsOneClearLine(value: String, message: String) async {
        let h = harness()
        let code = await h.run(["run", "q", "--escalate", value])
        #expect(code == 64)
        #expect(h.err.text == "chorus: \(message)\n")
        #expect(h.out.text.isEmpty)
    }

    @Test func theSettingIsReadFromTheConfigAndShownByConfig() async {
        let h = harness()
        h.writeConfig("[defaults]\nescalate = 3\n")
        #expect(await h.run(["config"]) == 0)
        let row = h.out.text.split(separator: "\n").first { $0.hasPrefix("  escalate ") }
        #expect(row?.contains("up to 3 extra workers") == true, "\(h.out.text)")
    }

    @Test func batchLinesCarryCallsAndEscalatedAndTheSummaryTheMeanCalls() async throws {
        let h = harness()
        h.home.write("items.jsonl", "{\"id\": \"split\", \"text\": \"17 * 23\"}\n{\"id\": \"agree\", \"text\": \"AGREE\"}\n")
        let code = await h.run(
            ["batch", h.home.path + "/items.jsonl", "--out", h.home.path + "/out.jsonl", "--prompt", "Q: {text}", "--strategy", "vote",
             "--workers", "3", "--escalate", "2", "--json"] + Self.focus)
        #expect(code == 0, "\(h.err.text)")
        var lines: [String: [String: Any]] = [:]
        for line in (h.home.read("out.jsonl") ?? "").split(separator: "\n") {
            if let json = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let id = json["id"] as? String {
                lines[id] = json
            }
        }
        #expect(lines["split"]?["calls"] as? Int == 4)
        #expect(lines["split"]?["escalated"] as? Int == 1)
        #expect(lines["agree"]?["calls"] as? Int == 3)
        #expect(lines["agree"]?["escalated"] as? Int == 0)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(h.out.text.utf8)) as? [String: Any])
        #expect(summary["mean_calls"] as? Double == 3.5)
        #expect(summary["escalated_items"] as? Int == 1)
        #expect(h.err.text.contains("chorus batch: 3.5 worker calls per item (1 of 2 items escalated)\n"))
    }

    @Test func progressLinesGetARowPerExtraWorkerAndSayWhy() {
        let plan = Plan(task: "q", workerCount: 3, model: ModelChoice(provider: "p", model: "m"), escalate: 2)
        var board = ProgressBoard(plan: plan)
        var record = RunRecord(plan: plan, startedAt: Date())
        var extra = WorkerRecord(spec: plan.escalation!.reserve[0])
        extra.escalated = true
        record.workers.append(extra)
        record.escalation?.steps = [EscalationRecord.Step(workers: [3], atMs: 10, why: "1-1-1: 1 more answer could make a group clear")]
        #expect(board.apply(.runUpdated(record: record), at: .seconds(1)) == .redraw)
        #expect(board.rows.count == 4)
        let lines = board.render(now: .seconds(1), width: 120)
        #expect(lines.count == 5)
        #expect(lines[3].hasPrefix("4 "))
        #expect(lines[4] == "   escalated: +1 worker")
        record.escalation?.stop = .clear
        record.escalation?.reason = "a group is clear: 2 of 4 say 389"
        _ = board.apply(.runUpdated(record: record), at: .seconds(2))
        #expect(board.render(now: .seconds(2), width: 120).last == "   escalated: +1 worker, a group is clear: 2 of 4 say 389")
    }

    @Test func theDryRunCountsTheReserveInTheWorstCase() async {
        let h = harness()
        #expect(await h.run(["run", "q", "--dry-run", "--workers", "2", "--escalate", "1"]) == 0)
        #expect(h.out.text.contains("worker 3, if escalated") || h.err.text.contains("worker 3, if escalated"), "\(h.out.text)")
        // The plan's "workers:" list names the reserve too, marked (issue 15: it listed only N).
        let workers = h.out.text.split(separator: "\n").drop { $0 != "workers:" }.dropFirst().prefix { $0.hasPrefix("  ") }
        #expect(workers.count == 3, "\(h.out.text)")
        #expect(workers.last?.hasPrefix("  3 · t ") == true)
        #expect(workers.last?.hasSuffix(" · if escalated") == true)
        #expect(workers.first?.contains("if escalated") == false)
    }
}
