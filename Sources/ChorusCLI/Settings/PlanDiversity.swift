import Chorus
import ChorusProviders

/// What makes a panel's workers differ when their model takes no temperature, so the merge
/// still has different samples to feed on (README "What Chorus varies when a model takes no
/// temperature").
///
/// The temperature spread is Chorus's first source of diversity. A model that takes only its
/// default temperature (OpenAI's reasoning models, `ModelQuirks`; Claude with extended thinking)
/// makes it void, so the plan varies what the model does take, in this order:
/// 1. what the settings already vary: focus areas, reasoning efforts, models (a profile's workers);
/// 2. otherwise, where the provider honours one (OpenAI-compatible `seed`), a seed per worker:
///    worker i gets seed i + 1. At temperature 1 the samples differ anyway; the seed makes each
///    worker's sample its own and repeatable (OpenAI: best effort);
/// 3. otherwise nothing is left: a note says the workers are samples of one setting, and how to
///    vary them.
///
/// Pure: `PlanBuilder` calls `apply` with the provider kind of each worker; `RunWarnings` calls
/// `differences` on a record's workers.
public enum PlanDiversity {
    /// Why `worker` takes no temperature on a provider of `kind`, or nil when it takes one.
    public static func noTemperatureReason(_ worker: WorkerSpec, kind: ProviderKind?) -> String? {
        switch kind {
        case .openai?:
            ModelQuirks.forModel(worker.model.model).fixedTemperature
                ? "\(worker.model.model) takes only the default temperature (1)" : nil
        case .anthropic?:
            worker.reasoningEffort != nil ? "\(worker.model.model) takes no temperature with extended thinking" : nil
        case nil:
            nil
        }
    }

    /// Whether a provider of `kind` honours a `seed` (OpenAI-compatible; Anthropic has none).
    public static func honoursSeed(_ kind: ProviderKind?) -> Bool { kind == .openai }

    /// Makes the workers that take no temperature differ where they would not, and returns the
    /// plan's notes: what varies instead, or that nothing does.
    public static func apply(to workers: inout [WorkerSpec], kind: (WorkerSpec) -> ProviderKind?) -> [String] {
        guard workers.count > 1 else { return [] }
        var reasons: [String] = []
        var fixed: [Int] = []
        for (i, worker) in workers.enumerated() {
            guard let reason = noTemperatureReason(worker, kind: kind(worker)) else { continue }
            fixed.append(i)
            if !reasons.contains(reason) { reasons.append(reason) }
        }
        guard !fixed.isEmpty else { return [] }
        let why = reasons.joined(separator: "; ") + ", so the temperature spread is not applied"
        var group = fixed.map { workers[$0] }
        if !alike(group).isEmpty && fixed.allSatisfy({ honoursSeed(kind(workers[$0])) }) {
            for i in fixed where workers[i].seed == nil { workers[i].seed = workers[i].index + 1 }
            group = fixed.map { workers[$0] }
        }
        var notes: [String] = []
        let varied = differences(group)
        if !varied.isEmpty {
            notes.append("\(why); the workers differ by \(varied.joined(separator: " and "))")
        }
        for same in alike(group) {
            notes.append("\(why); \(samplesOfOneSetting(same, total: workers.count))")
        }
        return notes
    }

    /// What differs between `workers` besides the temperature: "focus area", "reasoning effort",
    /// "model", "seed (1, 2, 3)".
    public static func differences(_ workers: [WorkerSpec]) -> [String] {
        var out: [String] = []
        if Set(workers.map(\.focus)).count > 1 { out.append("focus area") }
        if Set(workers.map(\.reasoningEffort)).count > 1 { out.append("reasoning effort") }
        if Set(workers.map(\.model)).count > 1 { out.append("model") }
        let seeds = workers.compactMap(\.seed)
        if Set(workers.map(\.seed)).count > 1 { out.append("seed (\(seeds.map(String.init).joined(separator: ", ")))") }
        return out
    }

    /// Groups (of two or more) of workers with nothing but the temperature to tell them apart.
    public static func alike(_ workers: [WorkerSpec]) -> [[WorkerSpec]] {
        struct Key: Hashable {
            var model: ModelChoice
            var focus: String?
            var effort: ReasoningEffort?
            var seed: Int?
        }
        var groups: [Key: [WorkerSpec]] = [:]
        var order: [Key] = []
        for worker in workers {
            let key = Key(model: worker.model, focus: worker.focus, effort: worker.reasoningEffort, seed: worker.seed)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(worker)
        }
        return order.compactMap { groups[$0] }.filter { $0.count > 1 }
    }

    /// "the 3 workers are samples of one setting; ..." or "workers 1 and 3 are samples of ...".
    public static func samplesOfOneSetting(_ same: [WorkerSpec], total: Int) -> String {
        let who: String
        if same.count == total {
            who = "the \(total) workers are"
        } else {
            let numbers = same.map { String($0.index + 1) }
            who = "workers \(numbers.dropLast().joined(separator: ", ")) and \(numbers.last ?? "") are"
        }
        return "\(who) samples of one setting: give them focus areas (--focus) or their own reasoning effort (a profile's workers)"
    }
}
