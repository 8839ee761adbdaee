import ArgumentParser
import Chorus
import Testing

@testable import ChorusCLI

/// `chorus help run` says what the default strategy does now (issue 15): `auto` takes a clear
/// group (at least two answers, no tie: `AggregationInput.clearWinner`) and outputs its most
/// typical answer, else synthesizes. It said "the vote when short answers have a strict
/// majority", the rule before issue 15, found by a trial reading the help.
@Suite struct StrategyHelpTests {
    @Test func theStrategyHelpStatesTheClearGroupRule() {
        let help = SettingTable.shared.strategy.info.help
        #expect(help.contains("default auto: when one group of answers is clear, at least two answers and no tie, its most typical answer; else synthesize"))
        #expect(!help.contains("strict majority"))
        // The same words reach `chorus help run` (ArgumentParser wraps lines: compare words).
        let words = RunCommand.helpMessage(columns: 400).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("at least two answers and no tie, its most typical answer; else synthesize"))
        #expect(!words.contains("the vote when short answers have a strict majority"))
    }
}
