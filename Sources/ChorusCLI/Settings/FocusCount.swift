import Chorus

/// More focus areas than workers: no area is lost without a word (issue 14: four `--focus`
/// values with three workers silently lost the fourth, since areas are cycled over the workers,
/// `Plan.focus(forWorker:areas:)`).
///
/// The choice (README "Focus areas and the worker count"): when no layer set the worker count
/// (it is the built-in default), the count is raised to the number of focus areas, since a
/// person who lists four areas expects four views; when a flag, variable, profile or config set
/// it, that count is kept (it may be a budget) and one line names both numbers and the fix.
///
/// With `--escalate K` the reserve continues the cycle (worker N+j gets area (N+j) mod areas,
/// `PlanBuilder`), so areas N..<N+K go to the extra workers, started only when the answers
/// split (issue 15: the line once said they got no worker). The count rule: N + K workers
/// cover N + K areas; the line then names only the areas beyond them, and says nothing when
/// there are none.
enum FocusCount {
    /// Raises `settings.workers` or returns the warning line (for `LoadedSettings.notes`, printed
    /// before the run unless `--quiet`).
    static func apply(to settings: inout EffectiveSettings) -> [String] {
        let areas = settings.focus.value
        let workers = settings.workers
        let extra = settings.escalate.value
        guard areas.count > workers.value else { return [] }
        if workers.source == .builtIn {
            let raised = min(areas.count, SettingRules.maxWorkers)
            settings.workers = Sourced(raised, .derived("one worker per focus area (\(areas.count) focus areas)"))
            return warning(areas: areas, workers: raised, extra: extra, source: "the most workers").map { [$0] } ?? []
        }
        return warning(areas: areas, workers: workers.value, extra: extra, source: "\(workers.source)").map { [$0] } ?? []
    }

    /// The line for `areas` over `workers` planned workers and `extra` reserve workers, or nil
    /// when every area has a worker (planned or extra).
    static func warning(areas: [String], workers: Int, extra: Int = 0, source: String) -> String? {
        let covered = workers + max(0, extra)
        guard areas.count > covered else { return nil }
        func quoted(_ list: ArraySlice<String>) -> String { list.map { "\"\($0)\"" }.joined(separator: ", ") }
        func areasWord(_ n: Int) -> String { n == 1 ? "focus area" : "focus areas" }
        let unused = areas.dropFirst(covered)
        let lost = "\(areasWord(unused.count)) \(quoted(unused)) get\(unused.count == 1 ? "s" : "") no worker"
        let head = "warning: \(areas.count) focus areas but \(workers) worker\(workers == 1 ? "" : "s") (\(source))"
        guard extra > 0 else {
            return head + ": \(lost); use --workers \(areas.count), or give at most \(workers) focus areas"
        }
        let reserved = areas[workers..<covered]
        return head + " and \(extra) extra (--escalate \(extra)): "
            + "\(areasWord(reserved.count)) \(quoted(reserved)) go\(reserved.count == 1 ? "es" : "") to the extra workers, "
            + "started only when the answers split; \(lost); use --workers \(areas.count) or --escalate \(areas.count - workers), "
            + "or give at most \(covered) focus areas"
    }
}
