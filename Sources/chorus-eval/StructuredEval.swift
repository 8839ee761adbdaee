import Chorus
import ChorusEvalKit
import ChorusProviders
import Foundation

/// `chorus-eval --structured classify|extract`: answers held to a schema (issue 18), the number
/// users want being how far they can trust the items the per-field vote does not flag.
///
/// Each item of the set goes to N workers (default 5, temperatures 0.2...1.0) with the set's
/// schema, as `chorus run --schema` sends it, and is merged field by field by the vote. Reported,
/// each with a 95% bootstrap interval over items:
/// - single-worker accuracy: per item, the share of the N workers whose object has the gold value
///   (a worker that failed or wrote an invalid object counts as wrong), averaged;
/// - vote accuracy: the merged value equals the gold value (per field, and all fields at once);
/// - how often `needs_review` fires;
/// - accuracy (all fields) on the items it does not flag, and on those it does.
///
/// Sets (written for the project, `eval/`): `classify.jsonl` (`{"id", "text", "label"}`, label
/// positive / negative / neutral; reviews, support tickets, headlines, a few ambiguous on
/// purpose) and `extract.jsonl` (`{"id", "text", "party", "date", "amount"}`).
enum StructuredEval {
    struct Set: Sendable {
        var name: String
        var file: String
        var schema: String
        var fields: [String]
        var maxTokens: Int
        var task: @Sendable (_ text: String) -> String
    }

    static let sets: [String: Set] = [
        "classify": Set(
            name: "classify", file: "eval/classify.jsonl", schema: "label: positive|negative|neutral", fields: ["label"],
            maxTokens: 24,
            task: { "Classify the sentiment of this text as positive, negative or neutral.\n\nText: \($0)" }),
        "extract": Set(
            name: "extract", file: "eval/extract.jsonl",
            schema: "party: the company or organisation named in the text\ndate: the date in the text, as YYYY-MM-DD\namount int: the amount of money, in dollars",
            fields: ["party", "date", "amount"], maxTokens: 80,
            task: { "Extract the party, the date and the amount from this text.\n\nText: \($0)" }),
    ]

    /// Whether a worker's or the merge's value for `field` is the gold value: strings compared
    /// case-insensitively on letters and digits only ("Pine & Co" = "pine co"), numbers exactly.
    static func matches(_ value: JSONValue?, gold: Any?) -> Bool {
        guard let value, let gold else { return false }
        if let number = gold as? NSNumber, let got = value.numberValue { return got == number.doubleValue }
        if let text = gold as? String, let got = value.stringValue { return normalise(got) == normalise(text) }
        return false
    }

    static func normalise(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    static func run(_ options: Options, setName: String) async {
        guard let set = sets[setName] else { fail("--structured takes classify or extract, not '\(setName)'") }
        let file = options.items ?? set.file
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            fail("cannot read \(file); run from the repository root or pass --items FILE")
        }
        var items = text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        if let limit = options.limit { items = Array(items.prefix(limit)) }
        let schema: StructuredSchema
        do { schema = try StructuredSchema(text: set.schema) } catch { fail("the \(set.name) schema does not parse: \(error)") }

        let http = ProviderHTTPClient(maxConnectionsPerHost: max(8, options.workers + 2))
        var single: [String: [Double]] = [:]
        var vote: [String: [Double]] = [:]
        var allFields: [Double] = []
        var flagged: [Double] = []
        var unflaggedCorrect: [Double] = []
        var flaggedCorrect: [Double] = []
        var invalidWorkers = 0
        var notApplied: [String: Int] = [:]
        let started = ContinuousClock.now
        let details = options.details.flatMap { path -> FileHandle? in
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }
        for (n, item) in items.enumerated() {
            let temperatures = Plan.spread(0.2...1.0, count: options.workers)
            let workers = (0..<options.workers).map { i in
                var spec = WorkerSpec(
                    index: i, temperature: temperatures[i],
                    model: ModelChoice(provider: "openai", model: options.model, baseURL: options.baseURLs[i % options.baseURLs.count]),
                    maxTokens: set.maxTokens, timeout: options.timeout, idleTimeout: .seconds(30))
                // As `chorus run` does by default (`EnumOrder`): each worker its own enum order.
                spec.schema = options.enumOrder == .rotate ? schema.rotatingEnumerations(by: i) : schema
                return spec
            }
            let plan = Plan(
                task: set.task(item["text"] as? String ?? ""), workers: workers,
                aggregator: AggregatorSpec(
                    strategy: .vote, model: ModelChoice(provider: "openai", model: options.model, baseURL: options.baseURLs[0]),
                    maxTokens: 64, timeout: options.timeout))
            let controller = RunController(plan: plan, models: { choice in
                try makeModel(ProviderSettings(kind: .openai, baseURL: choice.baseURL), http: http)
            })
            let record = await controller.start()
            let objects = record.workers.map { $0.succeeded ? $0.latest?.object : nil }
            invalidWorkers += objects.filter { $0 == nil }.count
            for note in record.workers.flatMap({ $0.latest?.notApplied ?? [] }) { notApplied[note, default: 0] += 1 }
            let outcome = record.latestAggregation?.structured
            var line: [String: Any] = [
                "id": item["id"] ?? NSNull(), "workers": objects.map { $0.map { StructuredEval.jsonText($0) as Any } ?? NSNull() },
                "merged": outcome.map { jsonText($0.object) as Any } ?? NSNull(), "needs_review": outcome?.needsReview ?? true,
            ]
            var itemCorrect = true
            for field in set.fields {
                let gold = item[field]
                let right = objects.filter { matches($0?[field], gold: gold) }.count
                single[field, default: []].append(Double(right) / Double(max(1, objects.count)))
                let merged = matches(outcome?.object[field], gold: gold)
                vote[field, default: []].append(merged ? 1 : 0)
                itemCorrect = itemCorrect && merged
                line["\(field)_agreement"] = outcome?.field(field)?.agreementText as Any? ?? NSNull()
            }
            line["correct"] = itemCorrect
            allFields.append(itemCorrect ? 1 : 0)
            // No merged object at all (every worker failed) is a flag too: nothing to trust.
            let isFlagged = outcome?.needsReview ?? true
            flagged.append(isFlagged ? 1 : 0)
            if isFlagged { flaggedCorrect.append(itemCorrect ? 1 : 0) } else { unflaggedCorrect.append(itemCorrect ? 1 : 0) }
            if let details, let data = try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]) {
                details.write(data + Data("\n".utf8))
            }
            let done = n + 1
            if done % 10 == 0 || done == items.count {
                let elapsed = (ContinuousClock.now - started).seconds
                FileHandle.standardError.write(Data("chorus-eval: \(done)/\(items.count) items, \(Int(elapsed)) s\n".utf8))
            }
        }
        try? await http.shutdown()

        let elapsed = (ContinuousClock.now - started).seconds
        print("chorus-eval --structured \(set.name): \(items.count) items × \(options.workers) workers, model \(options.model) at \(options.baseURLs.joined(separator: ", "))")
        print("schema: \(set.schema.replacingOccurrences(of: "\n", with: "; ")) · enum order: \(options.enumOrder.rawValue)")
        print("measure                                 value     95% bootstrap interval   n")
        func row(_ name: String, _ scores: [Double]) {
            let r = Bootstrap.interval(scores)
            print(
                name.padding(toLength: 38, withPad: " ", startingAt: 0),
                String(format: "%5.1f%%    [%5.1f, %5.1f]", r.mean * 100, r.low * 100, r.high * 100),
                String(format: "%12d", scores.count))
        }
        for field in set.fields {
            row("single worker (mean), \(field)", single[field] ?? [])
            row("per-field vote, \(field)", vote[field] ?? [])
        }
        if set.fields.count > 1 { row("vote, all fields right", allFields) }
        row("needs_review fired", flagged)
        row("vote accuracy on unflagged items", unflaggedCorrect)
        row("vote accuracy on flagged items", flaggedCorrect)
        print("workers without a valid object: \(invalidWorkers) of \(items.count * options.workers)")
        if !notApplied.isEmpty {
            print("not applied (worker attempts): " + notApplied.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: "; "))
        }
        print(String(format: "time: %.0f s (%.2f s per item)", elapsed, elapsed / Double(max(1, items.count))))
    }

    static func jsonText(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}
