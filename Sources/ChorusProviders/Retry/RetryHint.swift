/// What a failed response says about retrying it: the `retry-after-ms` / `Retry-After` wait
/// and the `x-should-retry` verdict (OpenAI and Anthropic send it).
///
/// `Retry-After` is delay-seconds or an HTTP-date in any of its three forms (`HTTPDate`);
/// `retry-after-ms` (OpenAI's and Azure's milliseconds) wins when both are sent.
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
            } else if let date = HTTPDate.parse(value, now: now) {
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

/// The HTTP-date of `Retry-After` in the three forms RFC 9110 section 5.6.7 requires a
/// recipient to accept (section 10.2.3 makes `Retry-After` an HTTP-date or delay-seconds):
///
/// - IMF-fixdate, the preferred form: `Sun, 06 Nov 1994 08:49:37 GMT`
/// - obsolete RFC 850: `Sunday, 06-Nov-94 08:49:37 GMT` (two-digit year, see below)
/// - ANSI C asctime(): `Sun Nov  6 08:49:37 1994` (day padded with a space; no zone, UTC)
///
/// The day name is not checked against the date (the RFC asks only that the date be read).
/// A two-digit year that would be more than 50 years after `now` is the most recent past year
/// with those digits (RFC 9110 section 5.6.7). An unreadable date is treated as no hint
/// (plain backoff), never as a failure.
enum HTTPDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Seconds since 1970-01-01 00:00:00 UTC, or nil. `now` (seconds since 1970) places an
    /// RFC 850 two-digit year; without it, 70-99 are 19xx and 00-69 are 20xx.
    static func parse(_ text: String, now: Double? = nil) -> Double? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        // IMF-fixdate: "Sun," "06" "Nov" "1994" "08:49:37" "GMT"
        if parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT", parts[3].count == 4, let year = Int(parts[3]) {
            return seconds(year: year, month: parts[2], day: parts[1], clock: parts[4])
        }
        // RFC 850: "Sunday," "06-Nov-94" "08:49:37" "GMT"
        if parts.count == 4, parts[0].hasSuffix(","), parts[3] == "GMT" {
            let date = parts[1].split(separator: "-").map(String.init)
            guard date.count == 3, date[2].count == 2, let yy = Int(date[2]) else { return nil }
            return seconds(year: fullYear(twoDigits: yy, now: now), month: date[1], day: date[0], clock: parts[2])
        }
        // asctime: "Sun" "Nov" "6" "08:49:37" "1994" (the double space before a one-digit day
        // is gone after splitting)
        if parts.count == 5, !parts[0].hasSuffix(","), parts[4].count == 4, let year = Int(parts[4]) {
            return seconds(year: year, month: parts[1], day: parts[2], clock: parts[3])
        }
        return nil
    }

    /// RFC 9110 section 5.6.7: a two-digit year more than 50 years in the future is in the past.
    static func fullYear(twoDigits yy: Int, now: Double?) -> Int {
        guard let now else { return yy < 70 ? 2000 + yy : 1900 + yy }
        let currentYear = 1970 + Int((now / 86_400 / 365.2425).rounded(.down))
        var year = currentYear - currentYear % 100 + yy
        if year > currentYear + 50 { year -= 100 }
        if year < currentYear - 49 { year += 100 }
        return year
    }

    private static func seconds(year: Int, month: String, day: String, clock: String) -> Double? {
        guard let day = Int(day), (1...31).contains(day), let monthIndex = months.firstIndex(of: month), year >= 1970
        else { return nil }
        let fields = clock.split(separator: ":")
        guard fields.count == 3, fields.allSatisfy({ $0.count == 2 }), let hour = Int(fields[0]),
            let minute = Int(fields[1]), let second = Int(fields[2]),
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
