import Chorus
import ChorusEvalKit
import Foundation

/// `chorus-eval --rescore DETAILS.jsonl`: re-reads the answers a free-text run saved with
/// `--details` through the current tally, with no model call, so a change to answer extraction
/// or to `clearWinner` can be judged in seconds before a full run is spent on it.
///
/// Per question it rebuilds the first N answers' tally, and replays the escalation
/// (`EscalationStep.next`) over the extra answers the run saved, in order. Output that needs no
/// model (a clear group's representative, `AggregationInput.representative(of:)`) is graded by
/// both graders; output that would need a merge call is counted as "would synthesize", and is
/// graded with the run's own escalated output only when the saved run also synthesized, so the
/// figures it prints are an estimate, never a substitute for a full run (README "Measured").
/// It also prints two what-ifs for planning: every saved answer counted (with `--sample-reserve`,
/// the whole reserve: would more samples have helped?), and, where a saved merge synthesized
/// for want of a clear group, how often the most central answer (the medoid of all answers)
/// would have been right.
enum Rescore {
    static func run(_ path: String, questions: [EvalQuestion], verbose: Bool) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { fail("cannot read \(path)") }
        let byID = Dictionary(questions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [(style: String, clear5: Bool, own: Double, independent: Double, recorded: Double, single: Double, ceiling: Double, calls: Int, missing: Bool, everyOwn: Double, everyIndependent: Double, every: Int)] = []
        var splitRows: [String: [(own: Double, independent: Double, centralOwn: Double, centralIndependent: Double)]] = [:]
        for line in text.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let id = object["id"] as? String, let q = byID[id],
                let styleName = object["style"] as? String, let style = FreeTextEval.Style(rawValue: styleName)
            else { continue }
            let task = style.task(q.question)
            let first = (object["workers"] as? [Any] ?? []).map { $0 as? String }
            // The extras the run started, then (with `--sample-reserve`) the rest of the reserve.
            let extra = (object["extra_workers"] as? [Any] ?? []).map { $0 as? String }
                + (object["unused_reserve"] as? [Any] ?? []).map { $0 as? String }
            func answers(_ texts: [String?], from: Int) -> [Answer] {
                texts.enumerated().compactMap { i, t in t.map { Answer(worker: from + i, label: "\(from + i + 1)", text: $0) } }
            }
            func independent(_ output: String?) -> Bool {
                IndependentGrade.grade(output, accepted: q.answers, choices: q.choices ?? []) == .correct
            }
            let n = first.count
            var current = answers(first, from: 0)
            let clear5 = AggregationInput(task: task, answers: current, strategy: .auto).clearWinner != nil
            var used = 0
            var missing = false
            while case .start(let k, _) = EscalationStep.next(answers: current, task: task, left: 4 - used) {
                guard used + k <= extra.count else {
                    missing = true
                    break
                }
                current += answers(Array(extra[used..<(used + k)]), from: n + used)
                used += k
            }
            /// `auto` over `list`: a clear group's representative (no model), else the saved
            /// escalated merge when that run synthesized too, else nothing (graded wrong).
            func merged(_ list: [Answer]) -> (own: Double, independent: Double) {
                let input = AggregationInput(task: task, answers: list, strategy: .auto)
                var output: String?
                if !input.mostlyEssays, let winner = input.clearWinner {
                    output = input.representative(of: winner).text
                } else if (object["escalated_reason"] as? String).map({ !$0.contains("took worker") }) ?? false {
                    output = object["auto --escalate"] as? String
                }
                guard let output else { return (0, 0) }
                return (Grade.isCorrect(output, accepted: q.answers, task: q.question) ? 1 : 0, independent(output) ? 1 : 0)
            }
            let (own, ind) = merged(current)
            // What-if for planning: every saved answer counted (the first N and the whole
            // reserve, with `--sample-reserve`), as if the loop never stopped early.
            let everyAnswer = answers(first, from: 0) + answers(extra, from: n)
            let every = merged(everyAnswer)
            // What-if for planning: where a merge synthesized because no group was clear, the
            // most central answer instead (the medoid of all answers by word overlap, as
            // `representative(of:)` finds a group's), graded beside the synthesis the run made.
            func central(_ list: [Answer]) -> String? {
                let all = AggregationInput(task: task, answers: list, strategy: .auto)
                let everyone = Tally.Group(answer: "all", display: "", workers: list.map(\.worker))
                return list.isEmpty ? nil : all.representative(of: everyone).text
            }
            var splits: [(own: Double, independent: Double, centralOwn: Double, centralIndependent: Double)] = []
            for (name, list) in [("auto", answers(first, from: 0)), ("auto --escalate", current)] {
                guard let reason = object[name == "auto" ? "auto_reason" : "escalated_reason"] as? String,
                    reason.contains("synthesized"), let grades = object["\(name)_grades"] as? [String], let c = central(list)
                else { continue }
                splits.append((
                    grades.first == "correct" ? 1 : 0, grades.last == "correct" ? 1 : 0,
                    Grade.isCorrect(c, accepted: q.answers, task: q.question) ? 1 : 0, independent(c) ? 1 : 0))
            }
            let recordedGrades = object["auto --escalate_grades"] as? [String] ?? []
            let single = Double(first.filter { independent($0) }.count) / Double(max(1, n))
            let ceiling = first.contains { independent($0) } ? 1.0 : 0
            splitRows[styleName, default: []] += splits
            rows.append((
                styleName, clear5, own, ind, recordedGrades.last == "correct" ? 1 : 0, single, ceiling, n + used, missing,
                every.own, every.independent, first.count + extra.count))
            if verbose {
                let keys = AggregationInput(task: task, answers: current, strategy: .auto).tally.groups
                    .map { "\($0.display.prefix(30))×\($0.count)" }.joined(separator: " | ")
                print("\(id) \(styleName) used \(used)\(missing ? " (more needed than saved)" : "") indep \(Int(ind)) was \(recordedGrades.last ?? "?") · \(keys)")
            }
        }
        for style in Set(rows.map(\.style)).sorted() {
            let r = rows.filter { $0.style == style }
            func mean(_ f: (Int) -> Double) -> Double { r.indices.map(f).reduce(0, +) / Double(max(1, r.count)) * 100 }
            print(String(
                format: "%@: %d questions · clear after N %.1f%% · escalated (estimate) eval's %.1f%% independent %.1f%% (saved run %.1f%%) · one worker %.1f%% ceiling %.1f%% · calls %.2f · saved extras ran out on %d",
                style, r.count, mean { r[$0].clear5 ? 1 : 0 }, mean { r[$0].own }, mean { r[$0].independent },
                mean { r[$0].recorded }, mean { r[$0].single }, mean { r[$0].ceiling },
                Double(r.map(\.calls).reduce(0, +)) / Double(max(1, r.count)), r.filter(\.missing).count))
            print(String(
                format: "%@: every saved answer counted (what-if: the loop never stops early; %.2f answers per question): eval's %.1f%% independent %.1f%%",
                style, Double(r.map(\.every).reduce(0, +)) / Double(max(1, r.count)), mean { r[$0].everyOwn }, mean { r[$0].everyIndependent }))
            let s = splitRows[style] ?? []
            func sum(_ f: (Int) -> Double) -> Int { Int(s.indices.map(f).reduce(0, +)) }
            print(String(
                format: "%@: where a merge synthesized for want of a clear group (%d merges, auto and escalated): synthesis right %d / %d, the most central answer right %d / %d (eval's / independent grader)",
                style, s.count, sum { s[$0].own }, sum { s[$0].independent }, sum { s[$0].centralOwn }, sum { s[$0].centralIndependent }))
        }
    }
}
