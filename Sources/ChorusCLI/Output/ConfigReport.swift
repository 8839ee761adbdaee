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
        let context = SettingReportContext(loaded: loaded, plan: plan)
        let rows = SettingTable.all.map { setting in
            let row = setting.report(context)
            return (setting.info.key, row.value, row.source)
        }
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
                let varies = (w.reasoningEffort.map { " · effort \($0.rawValue)" } ?? "") + (w.seed.map { " · seed \($0)" } ?? "")
                out.append(
                    "  \(w.displayName) · t \(SettingText.format2(w.temperature)) · \(w.model.provider)/\(w.model.model)\(focus)\(varies) · timeout \(Duration.settingText(seconds: w.timeout.seconds))"
                        + (w.headTimeout.map { " · head timeout \(Duration.settingText(seconds: $0.seconds))" } ?? "")
                )
            }
            out.append(
                "  aggregator · \(plan.aggregator.strategy.rawValue) · \(plan.aggregator.model.provider)/\(plan.aggregator.model.model) · timeout \(Duration.settingText(seconds: plan.aggregator.timeout.seconds))"
            )
        }
        return out.map(TerminalSafeText.oneLine).joined(separator: "\n") + "\n"
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }
}
