import Chorus

/// More focus areas than workers: no area is lost without a word (issue 14: four `--focus`
/// values with three workers silently lost the fourth, since areas are cycled over the workers,
/// `Plan.focus(forWorker:areas:)`).
///
/// The choice (README "Focus areas and the worker count"): when no layer set the worker count
/// (it is the built-in default), the count is raised to the number of focus areas, since a
/// person who lists four areas expects four views; when a flag, variable, profile or config set
/// it, that count is kept (it may be a budget) and one line names both numbers and the fix.
enum FocusCount {
    /// Raises `settings.workers` or returns the warning line (for `LoadedSettings.notes`, printed
    /// before the run unless `--quiet`).
    static func apply(to settings: inout EffectiveSettings) -> [String] {
        let areas = settings.focus.value
        let workers = settings.workers
        guard areas.count > workers.value else { return [] }
        if workers.source == .builtIn {
            let raised = min(areas.count, SettingRules.maxWorkers)
            settings.workers = Sourced(raised, .derived("one worker per focus area (\(areas.count) focus areas)"))
            return raised == areas.count ? [] : [warning(areas: areas, workers: raised, source: "the most workers")]
        }
        return [warning(areas: areas, workers: workers.value, source: "\(workers.source)")]
    }

    static func warning(areas: [String], workers: Int, source: String) -> String {
        let unused = areas.dropFirst(workers).map { "\"\($0)\"" }.joined(separator: ", ")
        let s = areas.count - workers == 1 ? "" : "s"
        return "warning: \(areas.count) focus areas but \(workers) worker\(workers == 1 ? "" : "s") (\(source)): "
            + "focus area\(s) \(unused) get\(s.isEmpty ? "s" : "") no worker; use --workers \(areas.count), or give at most \(workers) focus areas"
    }
}
