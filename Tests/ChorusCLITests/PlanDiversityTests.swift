import Chorus
import Testing

@testable import ChorusCLI

/// `--reasoning-effort` into the plan, and what a plan varies when its model takes no
/// temperature (README "What Chorus varies when a model takes no temperature").
@Suite struct PlanDiversityTests {
    static let keys = ["OPENAI_API_KEY": "k", "ANTHROPIC_API_KEY": "k"]

    func plan(_ flags: [String: RawValue], toml: String = "") throws -> Plan {
        let dir = TempDir()
        let path = dir.write("c.toml", toml)
        var values = SettingValues()
        for (key, raw) in flags.sorted(by: { $0.key < $1.key }) {
            let setting = try #require(SettingTable.byKey[key])
            try values.set(setting, raw, at: .flag(setting.info.flag ?? key))
        }
        let loaded = try LoadedSettings.load(.init(configFlag: path, flags: values), environment: Self.keys, home: dir.path)
        return try PlanBuilder(loaded).plan(task: "q")
    }

    @Test func reasoningEffortReachesEveryWorkerAndAProfilesWorkerCanHaveItsOwn() throws {
        let flagged = try plan(["provider": .string("openai"), "model": .string("gpt-4o-mini"), "reasoning_effort": .string("HIGH")])
        #expect(flagged.workers.map(\.reasoningEffort) == [.high, .high, .high])
        #expect(flagged.workers.map { $0.request(task: "q").reasoningEffort } == [.high, .high, .high])

        let profile = try plan(
            [:], toml: """
            [profiles.p]
            provider = "anthropic"
            model = "claude-sonnet-4-5"
            reasoning_effort = "medium"
            [[profiles.p.workers]]
            reasoning_effort = "low"
            [[profiles.p.workers]]
            [[profiles.p.workers]]
            reasoning_effort = "high"
            [defaults]
            profile = "p"
            """)
        #expect(profile.workers.map(\.reasoningEffort) == [.low, .medium, .high])
        #expect(profile.notes == [
            "claude-sonnet-4-5 takes no temperature with extended thinking, so the temperature spread is not applied; the workers differ by reasoning effort"
        ])
    }

    @Test func aBadReasoningEffortIsOneLine() throws {
        #expect(throws: ChorusError.usage("--reasoning-effort max: unknown reasoning effort; use one of none, minimal, low, medium, high")) {
            try plan(["reasoning_effort": .string("max")])
        }
    }

    @Test func aKnownReasoningModelGetsASeedPerWorker() throws {
        let p = try plan(["provider": .string("openai"), "model": .string("gpt-5-mini")])
        #expect(p.workers.map(\.seed) == [1, 2, 3])
        #expect(p.workers.map { $0.request(task: "q").seed } == [1, 2, 3])
        #expect(p.notes == [
            "gpt-5-mini takes only the default temperature (1), so the temperature spread is not applied; the workers differ by seed (1, 2, 3)"
        ])
    }

    @Test func focusAreasAreEnoughSoNoSeeds() throws {
        let p = try plan([
            "provider": .string("openai"), "model": .string("o4-mini"),
            "focus": .array([.string("cost"), .string("risk"), .string("speed")]),
        ])
        #expect(p.workers.map(\.seed) == [nil, nil, nil])
        #expect(p.notes.count == 1 && p.notes[0].hasSuffix("the workers differ by focus area"))
    }

    @Test func aChatModelIsLeftAlone() throws {
        let p = try plan(["provider": .string("openai"), "model": .string("gpt-4o-mini")])
        #expect(p.workers.map(\.seed) == [nil, nil, nil])
        #expect(p.notes.isEmpty)
        #expect(p.workers.map(\.temperature) == [0.2, 0.6, 1.0])
    }

    @Test func nothingLeftToVaryIsSaid() throws {
        let all = try plan(["provider": .string("anthropic"), "model": .string("claude-sonnet-4-5"), "reasoning_effort": .string("low")])
        #expect(all.workers.map(\.seed) == [nil, nil, nil], "Anthropic honours no seed")
        #expect(all.notes.count == 1 && all.notes[0].contains("; the 3 workers are samples of one setting: give them focus areas"), "\(all.notes)")

        let some = try plan([
            "provider": .string("anthropic"), "model": .string("claude-sonnet-4-5"), "reasoning_effort": .string("low"),
            "focus": .array([.string("cost"), .string("risk")]),
        ])
        #expect(some.notes.count == 2, "\(some.notes)")
        #expect(some.notes.contains { $0.hasSuffix("the workers differ by focus area") })
        #expect(some.notes.contains { $0.contains("; workers 1 and 3 are samples of one setting") })
    }

    @Test func oneWorkerHasNothingToVary() throws {
        let p = try plan(["provider": .string("openai"), "model": .string("gpt-5"), "workers": .string("1")])
        #expect(p.notes.isEmpty && p.workers[0].seed == nil)
    }
}
