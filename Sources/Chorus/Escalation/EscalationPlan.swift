/// Adaptive sampling (`--escalate K`, issue 15), the inverse of an early quorum: when the first
/// N answers split with no clear group, up to `budget` more workers are started from `reserve`,
/// a few at a time, until a group is clear or the budget is spent (`RunController`).
///
/// The reserve is planned with the run, by the same rules as the first N workers (README
/// "Escalation"): worker N+j is what worker N+j of a plan of N+K workers would be (per-worker
/// lists such as a profile's models and providers, and the focus areas, continue cycling where
/// worker N-1 left off), except for its temperature (`temperatures(count:after:in:)`).
///
/// JSON (a plan's optional `escalation` key): `{"budget": K, "reserve": [WorkerSpec, ...]}`.
public struct EscalationPlan: Sendable, Codable, Hashable {
    /// K: the most extra workers the run may start (0 turns escalation off).
    public var budget: Int
    /// The extra workers, in the order they are started; their `index` is N+j (re-numbered to
    /// the run's next free index when one is started, so a run's workers stay numbered 0...).
    public var reserve: [WorkerSpec]

    public init(budget: Int, reserve: [WorkerSpec]) {
        self.budget = budget
        self.reserve = reserve
    }

    /// The extra workers' temperatures: new points inside `range` that are none of `taken` (the
    /// first N workers' temperatures), so no extra worker is a copy of an earlier one. A copy of
    /// a 0.2-temperature worker would say what it said and manufacture agreement.
    ///
    /// The rule: the points so far are `range`'s bounds and every taken temperature inside it;
    /// each extra worker in turn gets the midpoint of the widest gap between two neighbouring
    /// points (the leftmost on a tie), which then becomes a point. So 3 workers at 0.2, 0.6 and
    /// 1.0 get extras at 0.4, 0.8, 0.3, 0.5, ...; one worker at 0.2 (of 0.2...1.0) gets 0.6.
    /// A range of one value (`--temperature 0.7`) has no other point: the extras take that value
    /// (the workers then differ by what else differs: focus, model, seed).
    /// Rounded to 1e-6, as `Plan.temperature(forWorker:of:in:)` is.
    public static func temperatures(count: Int, after taken: [Double], in range: ClosedRange<Double>) -> [Double] {
        var points = Set([range.lowerBound, range.upperBound] + taken.filter(range.contains)).sorted()
        var out: [Double] = []
        for _ in 0..<max(0, count) {
            var best = (width: -1.0, at: 0)
            // Wider by more than rounding error (0.6 - 0.2 is 0.39999999999999997), so a tie
            // really goes to the leftmost gap.
            for i in 0..<(points.count - 1) where points[i + 1] - points[i] > best.width + 1e-9 {
                best = (points[i + 1] - points[i], i)
            }
            let midpoint = points.count > 1 ? (points[best.at] + points[best.at + 1]) / 2 : range.lowerBound
            let rounded = (midpoint * 1_000_000).rounded() / 1_000_000
            out.append(rounded)
            if !points.contains(rounded) {
                points.insert(rounded, at: best.at + 1)
            }
        }
        return out
    }

    /// A reserve for a plan made without the CLI (e.g. `chorus-eval` escalating a finished run):
    /// extra worker N+j repeats the settings of worker (N+j) mod N (model, focus, limits,
    /// reasoning effort, schema), as cycling lists do, with its own index and a temperature by
    /// `temperatures(count:after:in:)` over `range` (default: the workers' lowest to highest).
    /// A worker that carries a seed gives its copy the seed index + 1 (`PlanDiversity`'s rule).
    public static func continuing(
        _ workers: [WorkerSpec], budget: Int, temperatures range: ClosedRange<Double>? = nil
    ) -> EscalationPlan {
        guard !workers.isEmpty, budget > 0 else { return EscalationPlan(budget: max(0, budget), reserve: []) }
        let taken = workers.map(\.temperature)
        let range = range ?? (taken.min()!...taken.max()!)
        let temps = temperatures(count: budget, after: taken, in: range)
        let n = workers.count
        let reserve = (0..<budget).map { j -> WorkerSpec in
            let source = workers[(n + j) % n]
            var spec = source
            spec.index = n + j
            // A label of the worker's own (a focus area, a profile's name) goes with its settings;
            // a number is the worker's own.
            spec.label = source.label == "\(source.index + 1)" ? "\(n + j + 1)" : source.label
            spec.temperature = temps[j]
            if source.seed != nil { spec.seed = n + j + 1 }
            return spec
        }
        return EscalationPlan(budget: budget, reserve: reserve)
    }
}
