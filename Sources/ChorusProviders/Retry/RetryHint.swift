/// What a failed response says about retrying it: the `retry-after-ms` / `Retry-After` wait
/// and the `x-should-retry` verdict (OpenAI and Anthropic send it).
struct RetryHint: Sendable, Hashable {
    /// The wait the server asks for, if it gave a readable one.
    var retryAfter: Duration?
    /// `x-should-retry: true` or `false`; nil when absent.
    var shouldRetry: Bool?

    static let none = RetryHint()

    init(retryAfter: Duration? = nil, shouldRetry: Bool? = nil) {
        self.retryAfter = retryAfter
        self.shouldRetry = shouldRetry
    }

    /// Reads the hint from response headers. `now` (seconds since 1970) turns an HTTP-date
    /// into a wait; a date in the past means "now".
    init(header: (String) -> String?, now: Double) {
        if let ms = header("retry-after-ms").flatMap({ Double($0.trimmed) }), ms.isFinite, ms >= 0 {
            retryAfter = .milliseconds(Int64(ms.rounded()))
        } else if let value = header("retry-after")?.trimmed {
            if let seconds = Double(value), seconds.isFinite, seconds >= 0 {
                retryAfter = .milliseconds(Int64((seconds * 1000).rounded()))
            } else if let date = HTTPDate.parse(value) {
                retryAfter = .milliseconds(Int64((max(0, date - now) * 1000).rounded()))
            }
        }
        switch header("x-should-retry")?.trimmed.lowercased() {
        case "true": shouldRetry = true
        case "false": shouldRetry = false
        default: shouldRetry = nil
        }
    }
}

/// The HTTP-date of `Retry-After` in its standard form (IMF-fixdate, RFC 9110 section 5.6.7):
/// `Sun, 06 Nov 1994 08:49:37 GMT`. The obsolete forms are not accepted; an unreadable date
/// is treated as no hint (plain backoff), never as a failure.
enum HTTPDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Seconds since 1970-01-01 00:00:00 UTC, or nil.
    static func parse(_ text: String) -> Double? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT",
            let day = Int(parts[1]), (1...31).contains(day),
            let monthIndex = months.firstIndex(of: String(parts[2])),
            let year = Int(parts[3]), year >= 1970
        else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2]),
            (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = daysFromCivil(year: year, month: monthIndex + 1, day: day)
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second)
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (the well-known civil-days formula).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension String {
    var trimmed: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
