import Chorus

extension RunWarnings {
    /// The plan's notes, then one line per setting and model that an attempt did not apply as
    /// asked (a run of 3 workers on gpt-5-mini warns once, not three times), e.g.
    /// "warning: temperature was not applied for gpt-5-mini (gpt-5-mini takes only the default
    /// temperature (1); sent without it)". A temperature line says what the workers differ by
    /// instead, unless a plan note already does.
    static func settingLines(for record: RunRecord) -> [String] {
        var lines = record.notes.map { "note: " + $0 }
        var seen = Set<String>()
        for worker in record.workers {
            for entry in worker.attempts.flatMap(\.notApplied) {
                let (setting, reason) = split(entry)
                let model = worker.spec.model.model
                guard seen.insert(setting + "\u{0}" + model).inserted else { continue }
                // A schema stepped down to another form is still applied (and every answer is
                // validated by the core): say which form, not "not applied".
                var line =
                    setting == "schema"
                    ? "note: the schema was sent in another form for \(model) (\(reason))"
                    : "warning: \(setting) was not applied for \(model) (\(reason))"
                if setting == "temperature" && record.notes.isEmpty && record.workers.count > 1 {
                    line += "; " + instead(record.workers.map(\.spec))
                }
                lines.append(line)
            }
        }
        return lines
    }

    /// "temperature: reason" as its two parts.
    static func split(_ entry: String) -> (setting: String, reason: String) {
        guard let colon = entry.range(of: ": ") else { return (entry, "not applied") }
        return (String(entry[..<colon.lowerBound]), String(entry[colon.upperBound...]))
    }

    /// What the workers differ by when the temperature does not count.
    static func instead(_ workers: [WorkerSpec]) -> String {
        let alike = PlanDiversity.alike(workers)
        if let same = alike.first { return PlanDiversity.samplesOfOneSetting(same, total: workers.count) }
        return "the workers differ by " + PlanDiversity.differences(workers).joined(separator: " and ")
    }
}
