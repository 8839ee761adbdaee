/// The behaviour language a request can carry itself, so one fake server process can make
/// worker 2 fail while the others succeed, without a script file.
///
/// Directives come from two places, joined:
/// - the request's `model` field, split on `+` or `,` (e.g. `"model": "fail-first-2+tokens-50"`);
///   pieces that are not directives are ignored, so a plain model name ("smollm2") is fine;
/// - markers `[[fake: DIRECTIVE ...]]` anywhere in a message (system or user), split the same
///   way, e.g. a focus area `"risk [[fake:fail-500]]"`; an unknown directive in a marker gets
///   HTTP 400 naming it, so a typo is not silently ignored.
///
/// The directives (N, K, MS, S, CODE are integers):
///
/// | directive            | effect |
/// |----------------------|--------|
/// | `fail-CODE`          | answer HTTP CODE with a JSON error (e.g. fail-500, fail-429, fail-401, fail-404, fail-529) |
/// | `fail-first-K`       | the first K calls carrying the same directives fail (with `fail-CODE`'s code, else 500), later ones succeed |
/// | `retry-after-S`      | add `Retry-After: S` to error answers |
/// | `retry-after-ms-MS`  | add `retry-after-ms: MS` |
/// | `should-retry` / `no-retry` | add `x-should-retry: true` / `false` |
/// | `delay-MS`           | wait MS before the response head |
/// | `tokens-N`           | answer with N generated words |
/// | `interval-MS`        | wait MS between tokens |
/// | `slow`               | 200 ms between tokens (visible streaming in a UI) |
/// | `long`               | 5000 tokens |
/// | `say=TEXT`           | answer TEXT (the rest of the piece, spaces allowed) |
/// | `no-usage`           | no token usage (as llama.cpp's server) |
/// | `no-done`            | finish reason but no `[DONE]` / `message_stop` |
/// | `stall` / `stall-after-N`       | stop sending (after N tokens), keep the connection open |
/// | `close-after-N`      | end the body cleanly after N tokens with no end marker (truncated) |
/// | `drop-after-N`       | close the TCP connection after N tokens, mid-body |
/// | `error` / `error-after-N` | an error object in the stream after HTTP 200 (after N tokens) |
/// | `overloaded` / `overloaded-after-N` | the same with type `overloaded_error` |
/// | `malformed` / `malformed-after-N` | a data line that is not JSON |
/// | `split-utf8`         | multi-byte answer, every event written in two pieces split inside a character |
/// | `json`               | one JSON answer, not a stream |
/// | `html`               | HTTP 200 with an HTML page instead of an API answer |
/// | `gather-N`           | hold the head until N chat requests are open at once |
/// | `refuse-temperature`, `refuse-max-tokens`, `refuse-stream-options`, `refuse-reasoning-effort`, `refuse-thinking-temperature`, `refuse-json-schema`, `refuse-response-format`, `refuse-thinking-tool-choice` | answer a request carrying that parameter with the real server's error, HTTP 400 (500 for `refuse-json-schema`, as llama-cpp-python) (`FakeRefusal`) |
enum FakeDirectives {
    /// The result of reading a request's directives.
    struct Parsed: Sendable, Hashable {
        var response = FakeResponse()
        /// `fail-first-K`: the first K calls with the same `key` fail.
        var failFirst: Int?
        /// Identifies "the same directives" for `fail-first-K` counting.
        var key = ""
        /// Marker pieces that are not directives.
        var unknown: [String] = []
        /// Whether any directive was found at all.
        var matchedAny = false
        /// `refuse-...`: parameters this request's server refuses (see `FakeRefusal`).
        var refusals: [FakeRefusal] = []
    }

    /// Reads the directives of a request from its model name and message texts.
    static func parse(model: String, texts: [String]) -> Parsed {
        var parsed = Parsed()
        var pieces: [String] = []
        for piece in split(model) where apply(piece, to: &parsed) {
            pieces.append(piece)
        }
        for text in texts {
            for marker in markers(in: text) {
                for piece in split(marker) {
                    if apply(piece, to: &parsed) {
                        pieces.append(piece)
                    } else {
                        parsed.unknown.append(piece)
                    }
                }
            }
        }
        parsed.key = pieces.joined(separator: "+")
        parsed.matchedAny = !pieces.isEmpty
        return parsed
    }

    /// The insides of every `[[fake:...]]` in `text`.
    static func markers(in text: String) -> [String] {
        var found: [String] = []
        var rest = text[...]
        while let open = rest.firstRange(of: "[[fake:") {
            let after = rest[open.upperBound...]
            guard let close = after.firstRange(of: "]]") else { break }
            found.append(String(after[..<close.lowerBound]))
            rest = after[close.upperBound...]
        }
        return found
    }

    private static func split(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "+" || $0 == "," })
            .map { String($0).trimmingSpaces() }
            .filter { !$0.isEmpty }
    }

    /// Applies one directive; false when `piece` is not one.
    private static func apply(_ piece: String, to parsed: inout Parsed) -> Bool {
        var r = parsed.response
        defer { parsed.response = r }
        if let refusal = FakeRefusal.allCases.first(where: { $0.directive == piece }) {
            parsed.refusals.append(refusal)
            return true
        }
        if piece.hasPrefix("say=") {
            r.text = String(piece.dropFirst(4))
            return true
        }
        switch piece {
        case "slow": r.intervalMs = 200
        case "long": r.tokens = 5000
        case "no-usage": r.usage = false
        case "no-done": r.ending = .finishOnly
        case "stall": r.ending = .stall; r.endAfter = 0
        case "error": r.ending = .errorEvent; r.endAfter = 0
        case "overloaded": r.ending = .errorEvent; r.endAfter = 0; r.errorType = "overloaded_error"
        case "malformed": r.ending = .malformed; r.endAfter = 0
        case "split-utf8": r.splitUTF8 = true
        case "json": r.json = true
        case "html": r.rawBody = "<html><body><h1>Welcome</h1><p>This is not an API.</p></body></html>"
        case "should-retry": r.shouldRetry = true
        case "no-retry": r.shouldRetry = false
        default:
            if let n = number(piece, after: "fail-first-") {
                parsed.failFirst = n
            } else if let n = number(piece, after: "fail-"), (100...599).contains(n) {
                r.status = n
            } else if let n = number(piece, after: "retry-after-ms-") {
                r.retryAfterMs = n
            } else if let n = number(piece, after: "retry-after-") {
                r.retryAfter = String(n)
            } else if let n = number(piece, after: "delay-") {
                r.delayMs = n
            } else if let n = number(piece, after: "tokens-") {
                r.tokens = n
            } else if let n = number(piece, after: "interval-") {
                r.intervalMs = n
            } else if let n = number(piece, after: "stall-after-") {
                r.ending = .stall; r.endAfter = n
            } else if let n = number(piece, after: "close-after-") {
                r.ending = .close; r.endAfter = n
            } else if let n = number(piece, after: "drop-after-") {
                r.ending = .drop; r.endAfter = n
            } else if let n = number(piece, after: "error-after-") {
                r.ending = .errorEvent; r.endAfter = n
            } else if let n = number(piece, after: "overloaded-after-") {
                r.ending = .errorEvent; r.endAfter = n; r.errorType = "overloaded_error"
            } else if let n = number(piece, after: "malformed-after-") {
                r.ending = .malformed; r.endAfter = n
            } else if let n = number(piece, after: "gather-") {
                r.gather = n
            } else {
                return false
            }
        }
        return true
    }

    private static func number(_ piece: String, after prefix: String) -> Int? {
        guard piece.hasPrefix(prefix) else { return nil }
        let digits = piece.dropFirst(prefix.count)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return Int(digits)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = self[...]
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
