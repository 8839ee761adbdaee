import Foundation
import Chorus

/// What `chorus config` prints: every effective setting with its origin, the providers with the
/// state of their keys (never a key, never a header value), and the workers the run would start.
public enum ConfigReport {
    public static func render(_ loaded: LoadedSettings, plan: Plan?) -> String {
        let s = loaded.settings
        var out: [String] = []
        let file = loaded.configPath.value
        let why = loaded.configPath.source == .builtIn ? "default location" : "\(loaded.configPath.source)"
        out.append("config file: \(file) (\(loaded.configFound ? "found" : "not found"), \(why))")
        if let profile = s.profile {
            out.append("profile:     \(profile.value) (\(profile.source))")
        }
        out.append("")
        out.append("settings:")
        var rows: [(String, String, SettingSource)] = [
            ("workers", String(s.workers.value), s.workers.source),
            ("temperature", range(s.temperature.value), s.temperature.source),
            ("focus", s.focus.value.isEmpty ? "(none)" : s.focus.value.joined(separator: ", "), s.focus.source),
            ("timeout", Duration.settingText(seconds: s.timeout.value), s.timeout.source),
            ("idle_timeout", Duration.settingText(seconds: s.idleTimeout.value), s.idleTimeout.source),
            ("aggregator_timeout", Duration.settingText(seconds: s.aggregatorTimeout.value), s.aggregatorTimeout.source),
            ("strategy", s.strategy.value.rawValue, s.strategy.source),
            ("provider", s.provider.value ?? "(none found)", s.provider.source),
        ]
        let main = plan?.workers.first?.model
        let entry = s.provider.value.flatMap(loaded.catalog.entry(named:))
        rows.append(
            ("base_url", s.baseURL.value ?? main?.baseURL ?? entry?.baseURL ?? "(none)",
             s.baseURL.value != nil ? s.baseURL.source : .derived(entry.map { "provider \($0.name)" } ?? "no provider")))
        rows.append(
            ("model", s.model.value ?? main?.model ?? entry?.defaultModel ?? "(none)",
             s.model.value != nil ? s.model.source : .derived(entry.map { "provider \($0.name)'s default" } ?? "no provider")))
        rows.append(
            ("aggregator_provider", s.aggregatorProvider.value ?? plan?.aggregator.model.provider ?? "(as provider)",
             s.aggregatorProvider.value != nil ? s.aggregatorProvider.source : .derived("same as provider")))
        rows.append(
            ("aggregator_model", s.aggregatorModel.value ?? plan?.aggregator.model.model ?? "(as model)",
             s.aggregatorModel.value != nil ? s.aggregatorModel.source : .derived("same as the workers' model")))
        rows.append(
            ("aggregator_fallback", s.aggregatorFallback.value.isEmpty ? "(none: concatenate)" : s.aggregatorFallback.value.joined(separator: ", "),
             s.aggregatorFallback.source))
        rows.append(("aggregator_max_tokens", s.aggregatorMaxTokens.value.map(String.init) ?? "(provider default)", s.aggregatorMaxTokens.source))
        rows.append(("max_tokens", s.maxTokens.value.map(String.init) ?? "(provider default)", s.maxTokens.source))
        rows.append(("theme", s.theme.value, s.theme.source))
        rows.append(("early_quorum", s.earlyQuorum.value.map(String.init) ?? "(off: wait for every worker)", s.earlyQuorum.source))
        rows.append(("concurrency", "\(s.concurrency.value) items (batch)", s.concurrency.source))
        rows.append(("rpm", s.rpm.value.map { "\(RateText.number($0)) per provider (batch)" } ?? "(none: slow down on 429)", s.rpm.source))
        rows.append(("tpm", s.tpm.value.map { "\(RateText.number($0)) per provider (batch)" } ?? "(none)", s.tpm.source))
        let width = rows.map(\.0.count).max() ?? 0
        let valueWidth = min(32, rows.map(\.1.count).max() ?? 0)
        for (key, value, source) in rows {
            out.append("  \(pad(key, width))  \(pad(value, valueWidth))  \(source)")
        }
        let sessions = loaded.config.sessions
        out.append(
            "  \(pad("sessions", width))  "
                + (sessions.autosave ? "\(loaded.sessionsDirectory) (newest \(sessions.keep) kept)" : "not saved automatically"))

        out.append("")
        out.append("providers:")
        let nameWidth = loaded.catalog.names.map(\.count).max() ?? 0
        for p in loaded.catalog.entries {
            let key = ProviderCatalog.keyStatus(of: p, environment: loaded.environment)
            var line = "  \(pad(p.name, nameWidth))  \(pad(p.kind.rawValue, 9))  \(p.baseURL)  api key: \(key)"
            if let source = loaded.catalog.baseURLSources[p.name], source != .builtIn { line += "  (base_url from \(source))" }
            if !p.headers.isEmpty { line += "  headers: \(p.headers.keys.sorted().joined(separator: ", "))" }
            if let rpm = p.rateLimit.requestsPerMinute { line += "  rpm \(RateText.number(rpm))" }
            if let tpm = p.rateLimit.tokensPerMinute { line += "  tpm \(RateText.number(tpm))" }
            out.append(line)
        }

        if let plan {
            out.append("")
            out.append("workers\(s.workerList != nil ? " (listed by the profile)" : ""):")
            for w in plan.workers {
                let focus = w.focus.map { " · focus \($0)" } ?? ""
                out.append(
                    "  \(w.index + 1) \(w.label) · t \(String(format2(w.temperature))) · \(w.model.provider)/\(w.model.model)\(focus) · timeout \(Duration.settingText(seconds: w.timeout.seconds))"
                )
            }
            out.append(
                "  aggregator · \(plan.aggregator.strategy.rawValue) · \(plan.aggregator.model.provider)/\(plan.aggregator.model.model) · timeout \(Duration.settingText(seconds: plan.aggregator.timeout.seconds))"
            )
        }
        return out.map(TerminalText.oneLine).joined(separator: "\n") + "\n"
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    static func range(_ r: ClosedRange<Double>) -> String {
        r.lowerBound == r.upperBound ? format2(r.lowerBound) : "\(format2(r.lowerBound))...\(format2(r.upperBound))"
    }

    static func format2(_ d: Double) -> String {
        let rounded = (d * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(format: "%.1f", rounded) : String(rounded)
    }
}
