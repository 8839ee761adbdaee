import Testing

@testable import ChorusProviders

/// `Retry-After` as RFC 9110 requires a recipient to read it: delay-seconds, or an HTTP-date
/// in any of the three forms of section 5.6.7; plus OpenAI's `retry-after-ms`.
@Suite struct HTTPDateTests {
    /// 1994-11-06 08:49:37 UTC, the RFC's own example.
    static let example: Double = 784_111_777

    @Test(arguments: [
        "Sun, 06 Nov 1994 08:49:37 GMT",  // IMF-fixdate
        "Sunday, 06-Nov-94 08:49:37 GMT",  // obsolete RFC 850
        "Sun Nov  6 08:49:37 1994",  // ANSI C asctime()
        "Sun Nov 6 08:49:37 1994",  // asctime without its padding space
        "  Sun, 06 Nov 1994 08:49:37 GMT ",
    ])
    func eachFormReadsTheSameInstant(text: String) {
        #expect(HTTPDate.parse(text.trimmed) == Self.example, "\(text)")
    }

    @Test(arguments: [
        "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 Nov 94 08:49:37 GMT", "Sunday, 06-Nov-1994 08:49:37 GMT",
        "Sun Nov  6 08:49:37 94", "Sun Nov  6 08:49 1994", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun Nov 32 08:49:37 1994",
        "Sun, 06 Nov 1994 8:49:37 GMT", "tomorrow", "",
    ])
    func anythingElseIsNoDate(text: String) {
        #expect(HTTPDate.parse(text) == nil, "\(text)")
    }

    @Test func aTwoDigitYearMoreThanFiftyYearsAheadIsInThePast() {
        let now2026 = Double(HTTPDate.daysFromCivil(year: 2026, month: 6, day: 1) * 86_400)
        #expect(HTTPDate.fullYear(twoDigits: 94, now: now2026) == 1994)
        #expect(HTTPDate.fullYear(twoDigits: 26, now: now2026) == 2026)
        #expect(HTTPDate.fullYear(twoDigits: 76, now: now2026) == 2076)
        #expect(HTTPDate.fullYear(twoDigits: 77, now: now2026) == 1977)
        let rfc850 = HTTPDate.parse("Monday, 01-Jun-26 00:00:10 GMT", now: now2026)
        #expect(rfc850 == now2026 + 10)
    }

    @Test func theHintReadsEveryForm() {
        func wait(_ headers: [String: String]) -> Duration? {
            RetryHint(header: { headers[$0] }, now: Self.example - 30).retryAfter
        }
        #expect(wait(["retry-after": "Sun, 06 Nov 1994 08:49:37 GMT"]) == .seconds(30))
        #expect(wait(["retry-after": "Sunday, 06-Nov-94 08:49:37 GMT"]) == .seconds(30))
        #expect(wait(["retry-after": "Sun Nov  6 08:49:37 1994"]) == .seconds(30))
        #expect(wait(["retry-after": "120"]) == .seconds(120))
        #expect(wait(["retry-after": "0"]) == .zero)
        #expect(wait(["retry-after-ms": "1500"]) == .milliseconds(1500))
        #expect(wait(["retry-after-ms": "250", "retry-after": "Sun Nov  6 08:49:37 1994"]) == .milliseconds(250))
        #expect(wait(["retry-after": "Sun Nov  6 08:00:00 1994"]) == .zero)  // in the past: now
        #expect(wait(["retry-after": "-5"]) == nil)
    }
}
