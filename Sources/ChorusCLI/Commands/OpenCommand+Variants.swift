import Chorus

extension OpenCommand {
    /// The headless variant request the flags ask for, or nil when none of `--rerun`, `--choose`
    /// and their value flags was given (the UI opens). Bad values are one line each.
    func variantRequest(record: RunRecord) throws(ChorusError) -> HeadlessVariantRun.Request? {
        let valueFlags: [(String, String?)] = [
            ("--provider", variantProvider), ("--model", variantModel), ("--temperature", variantTemperature),
            ("--focus", variantFocus), ("--max-tokens", variantMaxTokens),
        ]
        let given = valueFlags.filter { $0.1 != nil }.map(\.0)
        guard rerun != nil || choose != nil || !given.isEmpty || json else { return nil }
        if rerun == nil, let flag = given.first {
            throw .usage("\(flag) describes a variant rerun; add --rerun N to say which worker to rerun")
        }
        if rerun == nil, choose == nil {
            throw .usage("--json prints the record of a headless --rerun or --choose; add one of them, or use chorus export --format json")
        }
        let n = record.workers.count
        var request = HeadlessVariantRun.Request()
        if let rerun {
            guard (1...n).contains(rerun) else {
                throw .usage("--rerun \(rerun): the session has worker\(n == 1 ? "" : "s") 1\(n == 1 ? "" : "...\(n)"); give one of them")
            }
            var change = VariantChange(provider: variantProvider, model: variantModel, focus: variantFocus)
            if let text = variantTemperature {
                guard let t = Double(text) else { throw .usage("--temperature \(text): not a number; give one from 0 to 2") }
                change.temperature = t
            }
            if let text = variantMaxTokens {
                if text.lowercased() == "none" {
                    change.maxTokens = .some(nil)
                } else if let value = Int(text) {
                    change.maxTokens = .some(value)
                } else {
                    throw .usage("--max-tokens \(text): not a whole number; give one like 800, or \"none\" for no limit")
                }
            }
            guard !change.isEmpty else {
                throw .usage("--rerun \(rerun) changes nothing; add --model, --provider, --temperature, --focus or --max-tokens")
            }
            request.rerun = (rerun - 1, change)
        }
        if let choose {
            let parts = choose.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
            guard parts.count == 2, let w = parts[0], let v = parts[1] else {
                throw .usage("--choose \(choose): give WORKER:VARIANT, e.g. 2:1 for the original of worker 2")
            }
            guard (1...n).contains(w) else {
                throw .usage("--choose \(choose): the session has workers 1...\(n); give one of them")
            }
            let count = record.workers[w - 1].variants.count + (request.rerun?.worker == w - 1 ? 1 : 0)
            guard (1...count).contains(v) else {
                throw .usage("--choose \(choose): worker \(w) has variant\(count == 1 ? "" : "s") 1\(count == 1 ? "" : "...\(count)"); give one of them")
            }
            request.choose = (w - 1, v - 1)
        }
        return request
    }
}
