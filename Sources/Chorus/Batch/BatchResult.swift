import Foundation

/// One finished item of a batch: what `--out` gets as one JSON line.
///
/// The line is the item's id, its status and merged output, and the item's whole run record
/// (or, with `--compact`, a summary of it). A later line for the same id supersedes an earlier
/// one (that is how `--retry-failed` fixes an item without rewriting the file).
public struct BatchResult: Sendable, Hashable {
    public enum Status: String, Sendable, Codable, Hashable {
        case succeeded, failed
    }

    /// Why an item failed, for scripts that branch on it.
    public enum Failure: String, Sendable, Codable, Hashable {
        /// The input line could not be read (malformed JSON, a CSV row with the wrong fields).
        case invalidItem = "invalid_item"
        case quorumNotMet = "quorum_not_met"
        case allFailed = "all_failed"
    }

    public var id: String
    public var idSource: BatchItem.IDSource
    public var status: Status
    public var failure: Failure?
    public var output: String?
    public var error: String?
    /// Where the item came from ("line 17", "file a.txt").
    public var source: String
    public var elapsedMs: Int64
    public var usage: TokenUsage
    public var finishedAt: Date
    /// The item's run; nil for an item that could not be read (no run happened).
    public var record: RunRecord?

    public init(
        id: String, idSource: BatchItem.IDSource, status: Status, failure: Failure?, output: String?, error: String?,
        source: String, elapsedMs: Int64, usage: TokenUsage, finishedAt: Date, record: RunRecord?
    ) {
        self.id = id
        self.idSource = idSource
        self.status = status
        self.failure = failure
        self.output = output
        self.error = error
        self.source = source
        self.elapsedMs = elapsedMs
        self.usage = usage
        self.finishedAt = finishedAt
        self.record = record
    }

    /// The result of an item's finished run.
    public init(item: BatchItem, record: RunRecord, finishedAt: Date) {
        let failure: Failure? =
            switch record.failure {
            case .quorumNotMet?: .quorumNotMet
            case .allFailed?: .allFailed
            case .cancelled?, nil: record.status == .succeeded ? nil : .allFailed
            }
        self.init(
            id: item.id, idSource: item.idSource, status: record.status == .succeeded ? .succeeded : .failed,
            failure: failure, output: record.output, error: record.error, source: item.location,
            elapsedMs: record.elapsedMs ?? 0, usage: record.totalUsage, finishedAt: finishedAt, record: record)
    }

    /// The result of an item that could not be read: failed, with the reader's message.
    public init(invalid item: BatchItem, finishedAt: Date) {
        self.init(
            id: item.id, idSource: item.idSource, status: .failed, failure: .invalidItem, output: nil,
            error: item.problem ?? "the item could not be read", source: item.location, elapsedMs: 0,
            usage: TokenUsage(), finishedAt: finishedAt, record: nil)
    }
}

extension BatchResult {
    /// The merged structured answer of the item's run (`--schema`); nil for a free-text run.
    public var structured: StructuredOutcome? { record?.latestAggregation?.structured }

    /// A structured item whose agreement on a required field fell under `--min-agreement`.
    public var needsReview: Bool { status == .succeeded && structured?.needsReview == true }

    enum CodingKeys: String, CodingKey {
        case id, idSource = "id_source", status, failure, output, error, source
        case elapsedMs = "elapsed_ms", usage, finishedAt = "finished_at", record
        case costUSD = "cost_usd", calls, escalated
        case object, agreement, dissent, needsReview = "needs_review", reviewFields = "review_fields"
    }

    /// The `--out` line: one JSON object and a newline, keys sorted. `compact` replaces the run
    /// record by `CompactRecord` (status, strategy, each worker's outcome), for large jobs.
    public func jsonLine(compact: Bool) -> [UInt8] {
        let encoder = RunRecord.makeEncoder(pretty: false)
        let line = Line(result: self, compact: compact)
        guard var data = try? encoder.encode(line) else {
            // Every field is plain data; this cannot fail, but the line must still be whole JSON.
            return Array("{\"id\":\(Self.quoted(id)),\"status\":\"failed\",\"error\":\"the result could not be encoded\"}\n".utf8)
        }
        data.append(UInt8(ascii: "\n"))
        return [UInt8](data)
    }

    private static func quoted(_ s: String) -> String {
        let data = (try? JSONEncoder().encode(s)) ?? Data("\"?\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private struct Line: Encodable {
        var result: BatchResult
        var compact: Bool

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(result.id, forKey: .id)
            try c.encode(result.idSource, forKey: .idSource)
            try c.encode(result.status, forKey: .status)
            try c.encode(result.failure, forKey: .failure)
            try c.encode(result.output, forKey: .output)
            try c.encode(result.error, forKey: .error)
            try c.encode(result.source, forKey: .source)
            try c.encode(result.elapsedMs, forKey: .elapsedMs)
            try c.encode(result.usage, forKey: .usage)
            try c.encode(result.finishedAt, forKey: .finishedAt)
            // Added with prices: the item's cost (the known part; the record says the rest).
            if let cost = result.record?.totalCost, !cost.isEmpty { try c.encode(cost.cost?.usd, forKey: .costUSD) }
            // Added with escalation (issue 15): the item's worker calls (`RunRecord.workerCalls`)
            // and how many extra workers `--escalate` started, so spend per item is one `jq` away.
            if let record = result.record {
                try c.encode(record.workerCalls, forKey: .calls)
                try c.encode(record.escalatedWorkers.count, forKey: .escalated)
            }
            // Added with structured answers (issue 18): the merged object, each field's agreement
            // ("3/5", as the UI's table shows it), the workers (from 1) who differ, and the flag,
            // on the line itself so `jq` and `--compact` have them without the record.
            if result.status == .succeeded, let outcome = result.structured {
                try c.encode(outcome.object, forKey: .object)
                try c.encode(Dictionary(outcome.fields.map { ($0.path, $0.agreementText) }, uniquingKeysWith: { a, _ in a }), forKey: .agreement)
                let dissent = outcome.fields.filter { !$0.dissenters.isEmpty }.map { ($0.path, $0.dissenters.map { $0 + 1 }) }
                try c.encode(Dictionary(dissent, uniquingKeysWith: { a, _ in a }), forKey: .dissent)
                try c.encode(outcome.needsReview, forKey: .needsReview)
                try c.encode(outcome.reviewFields, forKey: .reviewFields)
            }
            if compact {
                try c.encode(result.record.map(CompactRecord.init), forKey: .record)
            } else {
                try c.encode(result.record, forKey: .record)
            }
        }
    }
}

/// The run record cut down to what a large job's reader needs: the outcome, the strategy, and
/// each worker's status, time, attempts and error, without the texts.
public struct CompactRecord: Sendable, Hashable, Encodable {
    public struct Worker: Sendable, Hashable, Encodable {
        var index: Int
        var status: AttemptStatus?
        var elapsedMs: Int64?
        var attempts: Int
        /// Of `attempts`, those the batch sent again after no response; nil when none.
        var resends: Int?
        var error: String?
        enum CodingKeys: String, CodingKey { case index, status, elapsedMs = "elapsed_ms", attempts, resends, error }
    }

    var status: RunRecord.Status
    var strategy: StrategyName
    var fallbackUsed: Bool
    var quorum: Int
    var succeeded: Int
    var workers: [Worker]
    var warnings: [String]

    public init(_ record: RunRecord) {
        status = record.status
        strategy = record.strategy
        fallbackUsed = record.fallbackUsed
        quorum = record.quorum
        succeeded = record.succeededCount
        workers = record.workers.map {
            let resends = $0.attempts.filter { $0.resend != nil }.count
            return Worker(
                index: $0.index, status: $0.status, elapsedMs: $0.latest?.elapsedMs, attempts: $0.attempts.count,
                resends: resends == 0 ? nil : resends, error: $0.error)
        }
        warnings = record.warnings
    }

    enum CodingKeys: String, CodingKey {
        case status, strategy, fallbackUsed = "fallback_used", quorum, succeeded, workers, warnings
    }
}
