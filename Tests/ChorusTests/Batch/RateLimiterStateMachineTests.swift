@testable import Chorus
import Testing

/// The rate limiter's decisions at given times: spacing, tokens, pushback, recovery.
@Suite("RateLimiter.StateMachine")
struct RateLimiterStateMachineTests {
    typealias Machine = RateLimiter.StateMachine

    /// Grants every request it can in `span`, asking again whenever told to wait; returns the grant times.
    func drive(_ m: inout Machine, tokens: Int = 1, from start: Duration = .zero, for span: Duration) -> [Duration] {
        var now = start
        var grants: [Duration] = []
        while now < start + span {
            switch m.request(tokens: tokens, at: now) {
            case .go: grants.append(now)
            case .wait(let until, _): now = until
            }
        }
        return grants
    }

    @Test("no limit: every request goes at once")
    func unlimited() {
        var m = Machine(limit: .none)
        for _ in 0..<1000 { #expect(m.request(tokens: 500, at: .seconds(1)) == .go) }
    }

    @Test("requests per minute: spaced evenly, exactly the limit over a minute")
    func spacing() {
        var m = Machine(limit: RateLimit(requestsPerMinute: 600))
        #expect(m.request(tokens: 1, at: .zero) == .go)
        #expect(m.request(tokens: 1, at: .zero) == .wait(until: .milliseconds(100), reason: .requestRate))
        var fresh = Machine(limit: RateLimit(requestsPerMinute: 600))
        let grants = drive(&fresh, for: .seconds(60))
        #expect(grants.count == 600)
        #expect(grants[1] - grants[0] == .milliseconds(100))
    }

    @Test("a waiter that wakes a little late keeps the schedule; after idling the schedule restarts")
    func lateWakeKeepsRate() {
        var m = Machine(limit: RateLimit(requestsPerMinute: 60))
        #expect(m.request(tokens: 1, at: .zero) == .go)
        // Woke 200 ms late for the 1 s slot: the next slot is still at 2 s, not 2.2 s.
        #expect(m.request(tokens: 1, at: .milliseconds(1200)) == .go)
        #expect(m.request(tokens: 1, at: .milliseconds(1300)) == .wait(until: .seconds(2), reason: .requestRate))
        // Idle for a minute: no burst of saved-up slots, one request, then spacing again.
        #expect(m.request(tokens: 1, at: .seconds(70)) == .go)
        #expect(m.request(tokens: 1, at: .seconds(70)) != .go)
    }

    @Test("tokens per minute: a request waits until the bucket holds its estimate")
    func tokens() {
        // 6,000 tokens a minute = 100 a second; the bucket holds 10 s = 1,000.
        var m = Machine(limit: RateLimit(tokensPerMinute: 6000))
        #expect(m.request(tokens: 600, at: .zero) == .go)
        #expect(m.request(tokens: 600, at: .zero) == .wait(until: .seconds(2), reason: .tokenRate))
        #expect(m.request(tokens: 600, at: .seconds(2)) == .go)
        // Over a long run the tokens granted approach the limit.
        var long = Machine(limit: RateLimit(tokensPerMinute: 6000))
        let grants = drive(&long, tokens: 100, for: .seconds(600))
        let perMinute = Double(grants.count * 100) / 10
        #expect(perMinute >= 6000 && perMinute <= 6000 + 1000 / 10 + 100)
    }

    @Test("real usage settles the estimate: a cheaper answer leaves tokens for the next request")
    func settle() {
        var m = Machine(limit: RateLimit(tokensPerMinute: 6000))
        #expect(m.request(tokens: 1000, at: .zero) == .go)
        #expect(m.request(tokens: 500, at: .zero) != .go)
        m.finished(estimated: 1000, actual: 400, succeeded: true, at: .zero)
        #expect(m.request(tokens: 500, at: .zero) == .go)
    }

    @Test("pushback: every request waits out Retry-After, and the rate halves")
    func pushbackPausesAndHalves() {
        var m = Machine(limit: RateLimit(requestsPerMinute: 600))
        #expect(m.request(tokens: 1, at: .zero) == .go)
        m.pushedBack(Pushback(retryAfter: .seconds(3), summary: "HTTP 429"), grantedAt: .zero, at: .seconds(1))
        #expect(m.request(tokens: 1, at: .seconds(2)) == .wait(until: .seconds(4), reason: .pushback))
        #expect(m.currentRPM == 300)
        #expect(m.request(tokens: 1, at: .seconds(4)) == .go)
        #expect(m.request(tokens: 1, at: .seconds(4)) == .wait(until: .milliseconds(4200), reason: .requestRate))
        #expect(m.pushbacks == 1)
        #expect(m.isSlowedDown)
    }

    @Test("pushback without Retry-After backs off 1, 2, 4 s; capped at 30 s")
    func backoff() {
        var m = Machine(limit: .none)
        m.pushedBack(Pushback(retryAfter: nil, summary: "429"), grantedAt: .zero, at: .zero)
        #expect(m.pausedUntil == .seconds(1))
        m.pushedBack(Pushback(retryAfter: nil, summary: "429"), grantedAt: .seconds(1), at: .seconds(1))
        #expect(m.pausedUntil == .seconds(3))
        m.pushedBack(Pushback(retryAfter: nil, summary: "429"), grantedAt: .seconds(3), at: .seconds(3))
        #expect(m.pausedUntil == .seconds(7))
        m.pushedBack(Pushback(retryAfter: .seconds(600), summary: "429"), grantedAt: .seconds(7), at: .seconds(7))
        #expect(m.pausedUntil == .seconds(37))
    }

    @Test("a burst of 429s from requests sent before the slowdown slows down once")
    func staleBurstCountsOnce() {
        var m = Machine(limit: RateLimit(requestsPerMinute: 800))
        for _ in 0..<8 { _ = m.request(tokens: 1, at: .zero) }
        for _ in 0..<8 {
            m.pushedBack(Pushback(retryAfter: .seconds(1), summary: "429"), grantedAt: .zero, at: .milliseconds(500))
        }
        #expect(m.currentRPM == 400)
        #expect(m.pushbacks == 8)
        // Granted after the slowdown but pushed back within two seconds of it: the same storm.
        m.pushedBack(Pushback(retryAfter: .seconds(1), summary: "429"), grantedAt: .seconds(1), at: .seconds(1))
        #expect(m.currentRPM == 400)
        // Later pushback to a request granted after the slowdown halves again.
        m.pushedBack(Pushback(retryAfter: .seconds(1), summary: "429"), grantedAt: .seconds(3), at: .seconds(3))
        #expect(m.currentRPM == 200)
    }

    @Test("without a configured rpm, pushback caps the rate at half the observed one, then lifts the cap")
    func adaptiveWithoutLimit() {
        var m = Machine(limit: .none)
        // 100 requests in 10 s: 600 a minute.
        for i in 0..<100 { #expect(m.request(tokens: 1, at: .milliseconds(Int64(i) * 100)) == .go) }
        m.pushedBack(Pushback(retryAfter: .seconds(1), summary: "429"), grantedAt: .seconds(9), at: .seconds(10))
        let capped = try! #require(m.currentRPM)
        #expect(capped > 250 && capped < 350)
        // Quiet for long enough: back to unlimited.
        _ = m.request(tokens: 1, at: .seconds(120))
        #expect(m.currentRPM == nil)
        #expect(!m.isSlowedDown)
    }

    @Test("recovery: a tenth of the configured rate back every five quiet seconds, never above it")
    func recovery() {
        var m = Machine(limit: RateLimit(requestsPerMinute: 1000, tokensPerMinute: 100_000))
        m.pushedBack(Pushback(retryAfter: .seconds(1), summary: "429"), grantedAt: .zero, at: .zero)
        #expect(m.currentRPM == 500)
        #expect(m.currentTPM == 50_000)
        // The pause ends at 1 s; recovery counts from there.
        _ = m.request(tokens: 1, at: .seconds(5))
        #expect(m.currentRPM == 500)
        _ = m.request(tokens: 1, at: .seconds(6))
        #expect(m.currentRPM == 600)
        #expect(m.currentTPM == 60_000)
        _ = m.request(tokens: 1, at: .seconds(60))
        #expect(m.currentRPM == 1000)
        #expect(m.currentTPM == 100_000)
        #expect(!m.isSlowedDown)
    }

    @Test("no recovery while paused")
    func noRecoveryWhilePaused() {
        var m = Machine(limit: RateLimit(requestsPerMinute: 1000))
        m.pushedBack(Pushback(retryAfter: .seconds(30), summary: "429"), grantedAt: .zero, at: .zero)
        #expect(m.request(tokens: 1, at: .seconds(20)) == .wait(until: .seconds(30), reason: .pushback))
        #expect(m.currentRPM == 500)
    }
}
