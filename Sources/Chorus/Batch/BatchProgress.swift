/// Where a batch stands: counts of this invocation's items, for the progress line and the
/// summary. Items skipped because `--out` already had them are counted by the caller.
public struct BatchProgress: Sendable, Hashable {
    /// Items this invocation set out to run.
    public var total = 0
    /// Items finished and written (succeeded + failed).
    public var finished = 0
    public var succeeded = 0
    /// Of `succeeded`: structured items flagged `needs_review` (`--schema`, `--min-agreement`).
    public var needsReview = 0
    public var failed = 0
    /// Of `failed`: by reason.
    public var quorumNotMet = 0
    public var allFailed = 0
    public var invalid = 0
    /// Of `failed`: items whose failed workers mostly timed out (a server too busy for the
    /// batch's concurrency, most often); the summary's advice names that cause.
    public var timedOut = 0
    /// Where the unreadable items are ("line 4"), the first few, for the summary's advice.
    public var invalidSources: [String] = []
    public var inFlight = 0
    /// Items whose run was cut off by a second Ctrl-C: not written, they run on resume.
    public var cancelled = 0
    /// Requests sent again by the batch itself after an attempt got no response at all (a proxy
    /// held it past the head limit), over the finished items; at most `Plan.batchResends` per
    /// item worker.
    public var resends = 0
    /// Worker calls of the items that ran (`RunRecord.workerCalls`), for the mean per item.
    public var calls = 0
    /// Items that ran a worker (had a run record): the mean's denominator.
    public var itemsRun = 0
    /// Items where `--escalate` started at least one extra worker.
    public var escalatedItems = 0
    public var promptTokens = 0
    public var completionTokens = 0
    /// True when any item's token count was estimated from chunks.
    public var tokensApproximate = false
    /// Time since the batch started.
    public var elapsed: Duration = .zero
    /// Ctrl-C once: no new items start; the ones in flight finish.
    public var stopping = false
    /// Ctrl-C twice: the items in flight were cancelled.
    public var cancelling = false
    /// Set when a result could not be written: the batch stopped.
    public var writeError: String?
    /// Set when the first items all failed in every worker: the batch stopped starting items,
    /// since the cause is shared (a wrong key or model, a server down). The last item's error.
    public var gaveUp: String?
    /// What this invocation's items cost so far: every finished item's run record, and the items
    /// a second Ctrl-C cut off (their calls were still billed).
    public var cost = CostTotal()
    /// `--budget`, in US dollars, when one was given.
    public var budget: Double?
    /// Set when the budget stopped the batch from starting more items.
    public var budgetStop: BudgetStop?

    /// Why no more items started under `--budget`: what was spent, what the items in flight
    /// could still cost at worst, and the next item's worst case, which together pass the budget.
    public struct BudgetStop: Sendable, Hashable {
        public var budget: Double
        public var spent: Double
        public var inFlightWorst: Double
        public var nextItemWorst: Double

        public init(budget: Double, spent: Double, inFlightWorst: Double, nextItemWorst: Double) {
            self.budget = budget
            self.spent = spent
            self.inFlightWorst = inFlightWorst
            self.nextItemWorst = nextItemWorst
        }
    }

    public init() {}

    /// The average cost of an item finished so far; nil before one finished or without prices.
    /// Items that called models count; an invalid item (a line that could not be read) called none.
    public var costPerItem: Double? {
        let called = finished - invalid
        guard called > 0, let cost = cost.cost else { return nil }
        return cost.usd / Double(called)
    }

    /// This invocation's cost if every item that can run costs the average so far; nil until known.
    public var projectedCost: Double? { costPerItem.map { $0 * Double(total - invalid) } }

    public var tokens: Int { promptTokens + completionTokens }
    /// Items neither finished nor cancelled: what a resume would run.
    public var remaining: Int { total - finished }

    public var itemsPerMinute: Double {
        let seconds = elapsed.seconds
        return seconds > 0 ? Double(finished) / seconds * 60 : 0
    }

    public var tokensPerMinute: Double {
        let seconds = elapsed.seconds
        return seconds > 0 ? Double(tokens) / seconds * 60 : 0
    }

    /// Time left at the rate so far; nil until an item finished.
    public var eta: Duration? {
        guard finished > 0, remaining > 0 else { return finished > 0 ? .zero : nil }
        let perItem = elapsed.seconds / Double(finished)
        return .milliseconds(Int64(perItem * Double(remaining) * 1000))
    }

    mutating func count(_ result: BatchResult) {
        finished += 1
        switch result.status {
        case .succeeded:
            succeeded += 1
            if result.needsReview { needsReview += 1 }
        case .failed:
            failed += 1
            switch result.failure {
            case .quorumNotMet?: quorumNotMet += 1
            case .invalidItem?:
                invalid += 1
                if invalidSources.count < 3 { invalidSources.append(result.source) }
            case .allFailed?, nil: allFailed += 1
            }
            if let record = result.record {
                let failedWorkers = record.workers.filter { !$0.answered }
                let timeouts = failedWorkers.filter { $0.status == .timedOut }.count
                if timeouts > 0, timeouts * 2 >= failedWorkers.count { timedOut += 1 }
            }
        }
        resends += result.record?.workers.reduce(0) { n, w in n + w.attempts.filter { $0.resend != nil }.count } ?? 0
        promptTokens += result.usage.promptTokens ?? 0
        completionTokens += result.usage.completionTokens ?? 0
        tokensApproximate = tokensApproximate || result.usage.approximate
        if let record = result.record {
            cost.add(record.totalCost)
            calls += record.workerCalls
            itemsRun += 1
            if !record.escalatedWorkers.isEmpty { escalatedItems += 1 }
        }
    }

    /// Worker calls per item that ran, nil before any did.
    public var meanCalls: Double? { itemsRun > 0 ? Double(calls) / Double(itemsRun) : nil }
}
