import Chorus
import Foundation
import Testing

@testable import ChorusCLI

/// More focus areas than workers (issue 14: four `--focus` values with three workers silently
/// lost the fourth). The count nobody set is raised to the areas; a count someone set is kept,
/// with one line naming both numbers and the fix.
@Suite struct FocusCountTests {
    static let four = ["--focus", "cost", "--focus", "risk", "--focus", "speed", "--focus", "security"]

    static func workers(_ h: Harness) throws -> [WorkerSpec] {
        try RunRecord.makeDecoder().decode(RunRecord.self, from: Data(h.out.text.utf8)).workers.map(\.spec)
    }

    @Test func withNoCountGivenEveryAreaGetsAWorker() async throws {
        let h = Harness()
        #expect(await h.run(["run", "q", "--json"] + Self.four) == 0)
        let specs = try Self.workers(h)
        #expect(specs.map(\.focus) == ["cost", "risk", "speed", "security"])
        #expect(!h.err.text.contains("focus"))
    }

    @Test func aGivenSmallerCountIsKeptAndSaidInOneLine() async throws {
        let h = Harness()
        #expect(await h.run(["run", "q", "--json", "--workers", "3"] + Self.four) == 0)
        #expect(try Self.workers(h).map(\.focus) == ["cost", "risk", "speed"])
        #expect(h.err.text.contains(
            "chorus: warning: 4 focus areas but 3 workers (flag --workers): focus area \"security\" gets no worker; use --workers 4, or give at most 3 focus areas\n"))
    }

    @Test func aCountFromTheConfigOrEnvironmentIsKeptToo() async throws {
        let h = Harness()
        h.writeConfig("[defaults]\nworkers = 2\n")
        #expect(await h.run(["run", "q", "--json"] + Self.four) == 0)
        #expect(try Self.workers(h).count == 2)
        #expect(h.err.text.contains("4 focus areas but 2 workers (config "))
        #expect(h.err.text.contains("focus areas \"speed\", \"security\" get no worker; use --workers 4"))

        var env = Harness()
        env.environment["CHORUS_WORKERS"] = "3"
        #expect(await env.run(["run", "q", "--json"] + Self.four) == 0)
        #expect(env.err.text.contains("(environment CHORUS_WORKERS)"))
    }

    static let six = four + ["--focus", "latency", "--focus", "privacy"]

    /// `--escalate K`: the reserve continues the cycle, so areas N..<N+K go to the extra workers
    /// (issue 15: the line said they got no worker). All covered: no line.
    @Test func areasTheReserveTakesAreNotLost() async throws {
        let all = Harness()
        #expect(await all.run(["run", "q", "--json", "--workers", "3", "--escalate", "3"] + Self.six) == 0)
        #expect(!all.err.text.contains("focus"), "\(all.err.text)")
        let record = try RunRecord.makeDecoder().decode(RunRecord.self, from: Data(all.out.text.utf8))
        #expect(record.escalation?.reserve.map(\.focus) == ["security", "latency", "privacy"])

        let some = Harness()
        #expect(await some.run(["run", "q", "--json", "--workers", "3", "--escalate", "2"] + Self.six) == 0)
        #expect(some.err.text.contains(
            "chorus: warning: 6 focus areas but 3 workers (flag --workers) and 2 extra (--escalate 2): "
                + "focus areas \"security\", \"latency\" go to the extra workers, started only when the answers split; "
                + "focus area \"privacy\" gets no worker; use --workers 6 or --escalate 3, or give at most 5 focus areas\n"),
            "\(some.err.text)")
        #expect(!some.err.text.contains("\"security\" gets no worker"))
    }

    @Test func quietSilencesTheLineAndEqualCountsSayNothing() async {
        let quiet = Harness()
        #expect(await quiet.run(["run", "q", "--quiet", "--workers", "3"] + Self.four) == 0)
        #expect(!quiet.err.text.contains("focus"))
        let equal = Harness()
        #expect(await equal.run(["run", "q", "--workers", "4"] + Self.four) == 0)
        #expect(!equal.err.text.contains("focus"))
    }

    @Test func configSaysWhyTheCountWasRaised() async {
        let h = Harness()
        #expect(await h.run(["config"] + Self.four) == 0)
        let row = h.out.text.split(separator: "\n").first { $0.hasPrefix("  workers ") }
        #expect(row?.contains(" 4 ") == true)
        #expect(row?.hasSuffix("one worker per focus area (4 focus areas)") == true)
    }
}

/// `--enum-order`: with a schema, worker i sees each enum rotated by i (the default), or every
/// worker the order as written (`fixed`); the record keeps each worker's own.
@Suite struct EnumOrderPlanTests {
    static func labelOrders(_ h: Harness) throws -> [[String]] {
        try FocusCountTests.workers(h).map { spec in
            guard case .enumeration(let members)? = spec.schema?.fields.first?.type else { return [] }
            return members
        }
    }

    @Test func eachWorkerGetsItsOwnOrderByDefault() async throws {
        let h = Harness()
        _ = await h.run(["run", "q", "--json", "--workers", "3", "--schema", "label: a|b|c"])
        #expect(try Self.labelOrders(h) == [["a", "b", "c"], ["b", "c", "a"], ["c", "a", "b"]])
    }

    @Test func fixedKeepsTheWrittenOrder() async throws {
        let h = Harness()
        _ = await h.run(["run", "q", "--json", "--workers", "3", "--schema", "label: a|b|c", "--enum-order", "fixed"])
        #expect(try Self.labelOrders(h) == [["a", "b", "c"], ["a", "b", "c"], ["a", "b", "c"]])
    }

    @Test func aWrongValueIsOneLine() async {
        let h = Harness()
        #expect(await h.run(["run", "q", "--schema", "label: a|b", "--enum-order", "shuffle"]) == 64)
        #expect(h.err.text.contains("enum"))
        #expect(h.err.text.contains("rotate or fixed"))
    }
}
