import Chorus
import Testing

@testable import ChorusCLI

@Suite struct SettingRulesTests {
    @Test func workersMustBeBetweenOneAndTwoHundredFiftySix() throws {
        #expect(try SettingRules.workers(.string("3")) == 3)
        #expect(try SettingRules.workers(.int(64)) == 64)
        #expect(try SettingRules.workers(.int(256)) == 256)
        #expect(throws: SettingProblem("use at least 1 worker (e.g. 3)")) { try SettingRules.workers(.int(0)) }
        #expect(throws: SettingProblem("use at most 256 workers")) { try SettingRules.workers(.string("257")) }
        #expect(throws: SettingProblem("expected a worker count (a whole number)")) { try SettingRules.workers(.string("three")) }
    }

    @Test func temperatureAcceptsARangeOrOneValue() throws {
        #expect(try SettingRules.temperature(.string("0.2...1.0")) == 0.2...1.0)
        #expect(try SettingRules.temperature(.string("0.3..0.9")) == 0.3...0.9)
        #expect(try SettingRules.temperature(.string("0.7")) == 0.7...0.7)
        #expect(try SettingRules.temperature(.array([.double(0.1), .int(1)])) == 0.1...1.0)
        #expect(try SettingRules.temperature(.int(1)) == 1.0...1.0)
    }

    @Test func reversedTemperatureRangeSaysHowToWriteIt() {
        #expect(throws: SettingProblem("the range is reversed; write MIN...MAX, e.g. 0.2...1.0")) {
            try SettingRules.temperature(.string("1.0...0.2"))
        }
    }

    @Test func temperatureOutsideZeroToTwoIsRejected() {
        #expect(throws: SettingProblem("temperature 2.5 is outside 0...2; pick values from 0 to 2")) {
            try SettingRules.temperature(.string("0.2...2.5"))
        }
        #expect(throws: SettingProblem("write MIN...MAX or one value, e.g. 0.2...1.0 or 0.7")) {
            try SettingRules.temperature(.string("warm"))
        }
    }

    @Test func timeoutsMustBePositive() throws {
        #expect(try SettingRules.seconds(.string("2.5")) == 2.5)
        #expect(throws: SettingProblem("a timeout must be above 0 seconds (e.g. 15)")) { try SettingRules.seconds(.int(0)) }
        #expect(throws: SettingProblem("a timeout must be above 0 seconds (e.g. 15)")) { try SettingRules.seconds(.string("-1")) }
        #expect(throws: SettingProblem("expected a number of seconds (a number)")) { try SettingRules.seconds(.string("soon")) }
    }

    @Test func strategyNamesAreChecked() throws {
        #expect(try SettingRules.strategy(.string("Vote")) == .vote)
        #expect(throws: SettingProblem("unknown strategy; use one of auto, synthesize, concatenate, vote, judge")) {
            try SettingRules.strategy(.string("average"))
        }
    }

    @Test func baseURLMustBeHTTPWithAHost() throws {
        #expect(try SettingRules.baseURL(.string("http://127.0.0.1:8080/v1/")) == "http://127.0.0.1:8080/v1")
        #expect(throws: SettingProblem("not an http(s) URL; write e.g. http://127.0.0.1:8080/v1")) {
            try SettingRules.baseURL(.string("127.0.0.1:8080"))
        }
    }

    @Test func aFlagProblemNamesTheFlagAndItsValue() {
        var values = SettingValues()
        #expect(throws: ChorusError.usage("--workers 0: use at least 1 worker (e.g. 3)")) {
            try values.set(\.workers, .string("0"), at: .flag("--workers"))
        }
        #expect(throws: ChorusError.usage("CHORUS_TIMEOUT=0: a timeout must be above 0 seconds (e.g. 15)")) {
            try values.set(\.timeout, .string("0"), at: .environment("CHORUS_TIMEOUT"))
        }
    }

    @Test func everyKeyHasAFlagOrIsConfigOnly() {
        let table = SettingTable.shared
        #expect(table.idleTimeout.info.flag == "--idle-timeout")
        #expect(table.baseURL.info.flag == "--base-url")
        #expect(table.aggregatorProvider.info.flag == nil)
        #expect(table.maxTokens.info.environmentVariable == "CHORUS_MAX_TOKENS")
    }
}
