extension MarkdownReport {
    /// A worker's other variants (README "Variant reruns"), each folded under the merged one's
    /// section: which variant is merged, then per other variant its settings, outcome and text.
    /// Nothing for a worker with one variant, so older reports read as before.
    static func variantSections(_ worker: WorkerRecord) -> [String] {
        guard worker.variants.count > 1 else { return [] }
        var out = ["", "Variant \(worker.chosen + 1) of \(worker.variants.count) is merged."]
        for (v, variant) in worker.variants.enumerated() where v != worker.chosen {
            let spec = variant.spec
            out.append("")
            out.append("<details><summary>Variant \(v + 1) (not merged): \(status(variant.status))</summary>")
            out.append("")
            out.append("- Settings: temperature \(format(spec.temperature)) · model \(model(spec.model))"
                + (spec.focus.map { " · focus: \($0)" } ?? "")
                + (spec.maxTokens.map { " · max tokens \($0)" } ?? ""))
            if let latest = variant.latest {
                out.append("- Result: " + attemptLine(latest, total: variant.attempts.count))
                if !latest.text.isEmpty {
                    out.append("")
                    out.append(quote(latest.text))
                } else if let error = latest.error {
                    out.append("")
                    out.append("_\(error)_")
                }
            }
            out.append("")
            out.append("</details>")
        }
        return out
    }
}
