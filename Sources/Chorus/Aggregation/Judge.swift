/// Model calls pick the best answer and say why. The output is the chosen answer itself,
/// unchanged; the judge's reason and how the pick was made go in the record (`JudgeRecord`).
///
/// Built so the judge always picks (issue 15; measured on SmolLM2-135M, the v2 judge's free-text
/// pick could not be read on about half the questions, and the run quietly concatenated):
/// - the reply is held to a schema whose `best` is an integer enum 1...N (`pickSchema`), sent
///   through the providers' structured-output path (json_schema, llama-cpp-python's
///   json_object+schema, a prompt instruction, Anthropic's forced tool);
/// - a reply the server did not hold to it is read for a bare number (`parsePick`);
/// - the answers are shown shuffled (`Ordering`), then in the reverse order, and the two picks
///   are reconciled (`decide`), so a pick that follows the position, not the text, is caught.
public struct Judge: AggregationStrategy {
    public var callsModel: Bool { true }
    public var countsAgreement: Bool { false }
    public var modelPicksAnswer: Bool { true }

    /// How many passes: 2 (a shuffled order, then its reverse) or 1.
    public var passes: Int
    public var ordering: Ordering

    public init(passes: Int = 2, ordering: Ordering = .seeded) {
        self.passes = min(max(passes, 1), 2)
        self.ordering = ordering
    }

    /// The prompt the judge is sent; `judge-v2` (free-text "BEST: n") stays for older records.
    public static let promptVersion = "judge-v3"

    public func aggregate(_ input: AggregationInput, call: AggregatorFallback) async throws -> AggregationResult {
        let prompt = try PromptLibrary.load(Self.promptVersion)
        let count = input.answers.count
        let first = Self.firstOrder(input, ordering: ordering)
        let orders = passes == 2 && count > 1 ? [first, Array(first.reversed())] : [first]
        let schema = Self.pickSchema(count: count)
        var done: [JudgeRecord.Pass] = []
        var reasons: [String?] = []
        var usage: TokenUsage?
        var failure: (any Error)?
        for order in orders {
            var pass = JudgeRecord.Pass(order: order.map { input.answers[$0].worker })
            do {
                let reply = try await call.complete(
                    Self.messages(for: input, order: order, prompt: prompt), responseSchema: schema)
                usage = AggregatorFallback.sum(usage, reply.usage)
                pass.reply = reply.text
                pass.form = JudgeRecord.OutputForm(reply)
                if let n = Self.parsePick(reply.text, count: count) {
                    pass.pick = n
                    pass.worker = input.answers[order[n - 1]].worker
                }
                reasons.append(Self.parseReason(reply.text))
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                // Every aggregator model failed this pass. The other pass is still sent: the
                // README's rule is "one pass names no answer or fails: the other's pick", and a
                // server that refused one request (HTTP 400 on the shuffled prompt) may answer
                // the reversed one. Only when no pass picks is the failure the merge's.
                pass.error = error.oneLineDescription
                reasons.append(nil)
                failure = failure ?? error
            }
            done.append(pass)
            call.recordJudge(Self.decide(done, input: input, finished: done.count == orders.count))
        }
        let judged = Self.decide(done, input: input, finished: true)
        call.recordJudge(judged)
        guard let worker = judged.worker, let chosen = input.answers.first(where: { $0.worker == worker }) else {
            // A call failed and no pass picked: the call's error, so the fallback says why.
            if judged.decision == .failed, let failure { throw failure }
            throw AggregationError(message: "the judge named no answer between 1 and \(count)", usage: usage)
        }
        // The reason of the pass whose pick was taken (only when it names no shuffled position:
        // `readerReason`), then how it was taken when that is news.
        let taken = Self.readerReason(done.firstIndex { $0.worker == worker }.flatMap { reasons[$0] })
        let how = judged.decision == .agreed || orders.count == 1 ? nil : judged.how
        let reason = [taken, how].compactMap { $0 }.joined(separator: "; ")
        return AggregationResult(
            output: chosen.text.trimmingTrailingWhitespace(), chosenWorker: worker, reason: reason.isEmpty ? nil : reason,
            usage: usage, promptVersion: prompt.version)
    }

    /// The final pick from the passes so far. Both passes name the same worker: it. They differ:
    /// the worker with more workers behind its answer in the record's tally (`input.tally`, the
    /// one every view shows), the first pass's on a tie. One names a worker: it.
    static func decide(_ passes: [JudgeRecord.Pass], input: AggregationInput, finished: Bool) -> JudgeRecord {
        let picks = passes.compactMap(\.worker)
        guard finished else { return JudgeRecord(passes: passes, decision: .unfinished, worker: nil, how: "unfinished") }
        func name(_ k: Int) -> String { passes.count == 1 ? "the judge" : k == 0 ? "the shuffled order" : "the reversed order" }
        guard let first = picks.first else {
            if passes.contains(where: { $0.error != nil }) {
                return JudgeRecord(passes: passes, decision: .failed, worker: nil, how: "the judge's call failed")
            }
            let how = passes.count == 1 ? "the judge named no answer" : "no pass named an answer"
            return JudgeRecord(passes: passes, decision: .none, worker: nil, how: how)
        }
        if picks.count == 1 {
            let k = passes.firstIndex { $0.worker != nil }!
            var how = "\(name(k)) picked worker \(first + 1)"
            if let other = passes.indices.first(where: { $0 != k }) {
                how += passes[other].error.map { "; \(name(other)) failed (\($0))" } ?? "; \(name(other)) named no answer"
            }
            return JudgeRecord(passes: passes, decision: .onePass, worker: first, how: how)
        }
        let second = picks[1]
        if first == second {
            return JudgeRecord(passes: passes, decision: .agreed, worker: first, how: "both orders picked worker \(first + 1)")
        }
        let behind = { (w: Int) in input.tally.groups.first { $0.workers.contains(w) }?.count ?? 1 }
        let (a, b) = (behind(first), behind(second))
        let split = "the orders disagreed (worker \(first + 1) shuffled, worker \(second + 1) reversed)"
        func workers(_ n: Int) -> String { "\(n) worker\(n == 1 ? "" : "s")" }
        if a == b {
            return JudgeRecord(
                passes: passes, decision: .firstPass, worker: first,
                how: "\(split); as many behind each (\(workers(a))), so the shuffled order's pick")
        }
        let winner = a > b ? first : second
        return JudgeRecord(
            passes: passes, decision: .tally, worker: winner,
            how: "\(split); took worker \(winner + 1): \(workers(max(a, b))) behind its answer vs \(min(a, b))")
    }
}
