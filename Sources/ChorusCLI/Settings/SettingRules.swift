import Chorus
import Foundation

/// What is wrong with one value and how to fix it, e.g. "use at least 1 worker (e.g. 3)".
public struct SettingProblem: Error, Sendable, Equatable {
    public var problem: String
    public init(_ problem: String) { self.problem = problem }
}

/// The checks every setting passes, wherever it was written (flag, variable, config file).
///
/// Pure functions from a raw value to a checked one, so the same value gets the same message
/// from `--workers 0`, `CHORUS_WORKERS=0` and `workers = 0`.
public enum SettingRules {
    /// Self-consistency samples 40-100 answers and peers go to 256 (issue 16); a run of 256 holds
    /// 257 connections (`PreparedRun`) and stays under 60 MB (README "Benchmarks").
    public static let maxWorkers = 256
    public static let maxSeconds = 86_400.0

    public static func workers(_ raw: RawValue) throws(SettingProblem) -> Int {
        let n = try integer(raw, what: "a worker count")
        guard n >= 1 else { throw SettingProblem("use at least 1 worker (e.g. 3)") }
        guard n <= maxWorkers else { throw SettingProblem("use at most \(maxWorkers) workers") }
        return n
    }

    /// How many agreeing (or succeeded) workers end the run early; checked against the worker
    /// count by `Plan.validate` once both are known.
    public static func earlyQuorum(_ raw: RawValue) throws(SettingProblem) -> Int {
        let n = try integer(raw, what: "a number of workers")
        guard n >= 1 else { throw SettingProblem("the early quorum is a number of workers, at least 1 (e.g. 2 of 3)") }
        return n
    }

    /// The most extra workers `--escalate` may start (README "Escalation"): 0 (off) up to the
    /// most workers a run may have.
    public static func escalate(_ raw: RawValue) throws(SettingProblem) -> Int {
        let n = try integer(raw, what: "a number of extra workers")
        guard n >= 0 else { throw SettingProblem("the escalation budget is a number of extra workers, 0 (off) or more (e.g. 4)") }
        guard n <= maxWorkers else { throw SettingProblem("use at most \(maxWorkers) extra workers") }
        return n
    }

    /// Models as "PROVIDER" or "PROVIDER:MODEL" (split at the first colon, so Ollama's
    /// "ollama:llama3.2:1b" keeps its tag); a string or an array of strings.
    public static func modelList(_ raw: RawValue) throws(SettingProblem) -> [String] {
        let items: [RawValue]
        switch raw {
        case .string: items = [raw]
        case .array(let list): items = list
        default: throw SettingProblem("expected models like [\"openai:gpt-4o-mini\", \"local\"], found \(raw.typeName)")
        }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item else {
                throw SettingProblem("each model is a string, \"PROVIDER\" or \"PROVIDER:MODEL\", e.g. \"openai:gpt-4o-mini\"")
            }
            let trimmed = s.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix(":") else {
                throw SettingProblem("a model is empty or has no provider; write \"PROVIDER\" or \"PROVIDER:MODEL\"")
            }
            out.append(trimmed)
        }
        return out
    }

    /// `chorus batch`'s default number of items in flight: enough to keep a remote provider busy,
    /// few enough that a local one-request-at-a-time server is not flooded with queued calls.
    public static let defaultConcurrency = 8
    public static let maxConcurrency = 1024

    public static func concurrency(_ raw: RawValue) throws(SettingProblem) -> Int {
        let n = try integer(raw, what: "a number of items")
        guard n >= 1 else { throw SettingProblem("use at least 1 item in flight (e.g. 8)") }
        guard n <= maxConcurrency else { throw SettingProblem("use at most \(maxConcurrency) items in flight") }
        return n
    }

    /// A rate per minute above 0 (fractions allowed: 0.5 is one every two minutes).
    public static func perMinute(_ raw: RawValue, what: String) throws(SettingProblem) -> Double {
        let n = try number(raw, what: "\(what) per minute")
        guard n.isFinite, n > 0 else { throw SettingProblem("the limit must be above 0 \(what) per minute (e.g. 500)") }
        return n
    }

    /// An amount of US dollars above 0 (fractions allowed), e.g. a budget of 2.5.
    public static func dollars(_ raw: RawValue, what: String) throws(SettingProblem) -> Double {
        var raw = raw
        // "$2.50" is how people write it; the dollar sign is dropped, never misread.
        if case .string(let text) = raw, text.hasPrefix("$") { raw = .string(String(text.dropFirst())) }
        let n = try number(raw, what: "an amount in US dollars")
        guard n.isFinite, n > 0 else { throw SettingProblem("the \(what) is an amount of US dollars above 0 (e.g. 2.5)") }
        return n
    }

    public static func maxTokens(_ raw: RawValue) throws(SettingProblem) -> Int {
        let n = try integer(raw, what: "a token limit")
        guard n >= 1 else { throw SettingProblem("the token limit must be at least 1 (e.g. 512)") }
        return n
    }

    /// `low`, `medium` or `high` (any case).
    public static func reasoningEffort(_ raw: RawValue) throws(SettingProblem) -> ReasoningEffort {
        let levels = ReasoningEffort.allCases.map(\.rawValue).joined(separator: ", ")
        guard case .string(let s) = raw else {
            throw SettingProblem("expected a reasoning effort (\(levels)), found \(raw.typeName)")
        }
        guard let effort = ReasoningEffort(rawValue: s.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw SettingProblem("unknown reasoning effort; use one of \(levels)")
        }
        return effort
    }

    /// A positive number of seconds (fractions allowed), at most a day.
    public static func seconds(_ raw: RawValue) throws(SettingProblem) -> Double {
        let s = try number(raw, what: "a number of seconds")
        guard s.isFinite, s > 0 else { throw SettingProblem("a timeout must be above 0 seconds (e.g. 15)") }
        guard s <= maxSeconds else { throw SettingProblem("a timeout must be at most \(Int(maxSeconds)) seconds") }
        return s
    }

    /// `MIN...MAX` (also `MIN..MAX`), or one value for every worker; each within 0...2.
    /// In TOML also `[MIN, MAX]` or a single number.
    public static func temperature(_ raw: RawValue) throws(SettingProblem) -> ClosedRange<Double> {
        let bounds: (Double, Double)
        switch raw {
        case .int, .double:
            let t = try number(raw, what: "a temperature")
            bounds = (t, t)
        case .array(let items):
            guard items.count == 2 else {
                throw SettingProblem("write the range as [MIN, MAX], e.g. [0.2, 1.0]")
            }
            bounds = (try number(items[0], what: "a temperature"), try number(items[1], what: "a temperature"))
        case .string(let text):
            bounds = try parseRange(text)
        default:
            throw SettingProblem("expected a temperature range like 0.2...1.0, found \(raw.typeName)")
        }
        let (low, high) = bounds
        for t in [low, high] where !(t.isFinite && (0...2).contains(t)) {
            throw SettingProblem("temperature \(t) is outside 0...2; pick values from 0 to 2")
        }
        guard low <= high else {
            throw SettingProblem("the range is reversed; write MIN...MAX, e.g. \(high)...\(low)")
        }
        return low...high
    }

    public static func focus(_ raw: RawValue) throws(SettingProblem) -> [String] {
        let areas: [String]
        switch raw {
        case .string(let s): areas = [s]
        case .array(let items):
            var out: [String] = []
            for item in items {
                guard case .string(let s) = item else {
                    throw SettingProblem("focus areas must be strings, e.g. [\"cost\", \"risk\"]")
                }
                out.append(s)
            }
            areas = out
        default:
            throw SettingProblem("expected focus areas like [\"cost\", \"risk\"], found \(raw.typeName)")
        }
        let cleaned = areas.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard !cleaned.contains(where: \.isEmpty) else {
            throw SettingProblem("a focus area is empty; give a word or phrase, e.g. cost")
        }
        return cleaned
    }

    public static func enumOrder(_ raw: RawValue) throws(SettingProblem) -> EnumOrder {
        let names = EnumOrder.allCases.map(\.rawValue).joined(separator: " or ")
        guard case .string(let s) = raw, let order = EnumOrder(rawValue: s.lowercased()) else {
            throw SettingProblem("expected \(names)")
        }
        return order
    }

    public static func strategy(_ raw: RawValue) throws(SettingProblem) -> StrategyName {
        let names = StrategyName.allCases.map(\.rawValue).joined(separator: ", ")
        guard case .string(let s) = raw else {
            throw SettingProblem("expected a strategy name (\(names)), found \(raw.typeName)")
        }
        guard let strategy = StrategyName(rawValue: s.lowercased()) else {
            throw SettingProblem("unknown strategy; use one of \(names)")
        }
        return strategy
    }

    /// An http(s) URL with a host, e.g. http://127.0.0.1:8080/v1. A trailing slash is dropped.
    public static func baseURL(_ raw: RawValue) throws(SettingProblem) -> String {
        guard case .string(var s) = raw else { throw SettingProblem("expected a URL, found \(raw.typeName)") }
        s = s.trimmingCharacters(in: .whitespaces)
        guard let url = URL(string: s), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else {
            throw SettingProblem("not an http(s) URL; write e.g. http://127.0.0.1:8080/v1")
        }
        while s.hasSuffix("/") { s.removeLast() }
        return s
    }

    /// A non-empty single-line name (provider, model, theme).
    public static func name(_ raw: RawValue, what: String) throws(SettingProblem) -> String {
        guard case .string(let s) = raw else { throw SettingProblem("expected a \(what) name, found \(raw.typeName)") }
        let trimmed = s.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.contains(where: \.isNewline) else {
            throw SettingProblem("the \(what) name is empty; give one, e.g. \(what == "theme" ? "default" : "openai")")
        }
        return trimmed
    }

    // MARK: - Scalars

    static func integer(_ raw: RawValue, what: String) throws(SettingProblem) -> Int {
        switch raw {
        case .int(let i): return i
        case .string(let s):
            guard let i = Int(s.trimmingCharacters(in: .whitespaces)) else {
                throw SettingProblem("expected \(what) (a whole number)")
            }
            return i
        default: throw SettingProblem("expected \(what) (a whole number), found \(raw.typeName)")
        }
    }

    static func number(_ raw: RawValue, what: String) throws(SettingProblem) -> Double {
        switch raw {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .string(let s):
            guard let d = Double(s.trimmingCharacters(in: .whitespaces)), d.isFinite else {
                throw SettingProblem("expected \(what) (a number)")
            }
            return d
        default: throw SettingProblem("expected \(what) (a number), found \(raw.typeName)")
        }
    }

    static func parseRange(_ text: String) throws(SettingProblem) -> (Double, Double) {
        let t = text.trimmingCharacters(in: .whitespaces)
        for separator in ["...", ".."] {
            let parts = t.components(separatedBy: separator)
            if parts.count == 2 {
                guard let low = Double(parts[0].trimmingCharacters(in: .whitespaces)),
                    let high = Double(parts[1].trimmingCharacters(in: .whitespaces))
                else { throw SettingProblem("write MIN...MAX or one value, e.g. 0.2...1.0 or 0.7") }
                return (low, high)
            }
        }
        guard let single = Double(t) else {
            throw SettingProblem("write MIN...MAX or one value, e.g. 0.2...1.0 or 0.7")
        }
        return (single, single)
    }
}
