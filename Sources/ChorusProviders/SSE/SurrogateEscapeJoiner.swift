import Foundation

/// Repairs UTF-16 surrogate escapes in the JSON payloads of a stream's events, before they are
/// decoded, so a character outside the Basic Multilingual Plane (an emoji, many CJK
/// characters) that a server split between two events arrives whole, and a half that never
/// finds its partner becomes U+FFFD instead of failing the worker.
///
/// Why: JSON writes such a character as two escapes, `\ud83c\udf89` (RFC 8259 section 7).
/// Some servers stream token by token and cut between the two halves, sending
/// `"content":"\ud83c"` in one event and `"content":"\udf89"` in the next. Each half alone is
/// not a Unicode scalar, and Foundation's `JSONDecoder` (and `JSONSerialization`) on Linux
/// throw on it ("expected low-surrogate code point but did not find one"), which would fail
/// the whole worker for one character.
///
/// How, on the raw payload (so it covers every string field of every wire: content, reasoning,
/// Anthropic's text and thinking deltas, Mistral's content parts):
/// - An event whose string ends in a high-surrogate escape (`\uD800`-`\uDBFF`) with no low one
///   after it is held back until the next event arrives.
/// - When it arrives, for each such string, the next event's first string under the same key
///   (else under any key) that starts with a lone low-surrogate escape (`\uDC00`-`\uDFFF`)
///   gives its escape to the held one: the held event's string ends in the whole pair, the
///   next one's starts after it.
/// - Any surrogate escape still unpaired after that (a lone high in the middle of a string or
///   with nothing to join, a lone low) is replaced by `\ufffd`.
/// - `finish()` releases a held event at the end of the stream, its lone half replaced.
///
/// Pure and I/O-free: feed it every event in order, then call `finish()`. A payload that is
/// not JSON (`[DONE]`, a broken line) passes through; it is only scanned, never rejected.
struct SurrogateEscapeJoiner: Sendable {
    /// The event held back because one of its strings ends in half a character.
    private var held: ServerSentEvent?

    init() {}

    /// Takes the next event; returns the events ready to decode, in order (none, one, or the
    /// held one and this one).
    mutating func feed(_ event: ServerSentEvent) -> [ServerSentEvent] {
        // The common case, an event with no escape at all, passes through without a copy.
        if held == nil, !Self.hasBackslash(event.data) { return [event] }
        var next = Array(event.data.utf8)
        var ready: [ServerSentEvent] = []
        if var previous = held {
            held = nil
            var bytes = Array(previous.data.utf8)
            Self.join(&bytes, with: &next)
            previous.data = Self.replacingLoneSurrogates(in: bytes)
            ready.append(previous)
        }
        var current = event
        if Self.scan(next).contains(where: \.isLoneHighAtEnd) {
            current.data = String(decoding: next, as: UTF8.self)
            held = current
        } else {
            current.data = Self.replacingLoneSurrogates(in: next)
            ready.append(current)
        }
        return ready
    }

    /// The stream ended: a held event goes out with its unpaired half replaced by U+FFFD.
    mutating func finish() -> [ServerSentEvent] {
        guard var last = held else { return [] }
        held = nil
        last.data = Self.replacingLoneSurrogates(in: Array(last.data.utf8))
        return [last]
    }

    /// A whole payload on its own (a non-streamed JSON body) with every unpaired surrogate
    /// escape written as `\ufffd`.
    static func repaired(_ payload: String) -> String {
        replacingLoneSurrogates(in: Array(payload.utf8))
    }

    // MARK: - Scanning

    /// One `\uXXXX` escape of a surrogate code unit inside a JSON string.
    struct Escape: Sendable, Hashable {
        /// Byte offsets of the six bytes `\uXXXX` in the payload.
        var range: Range<Int>
        var unit: UInt16
        /// The object key the string belongs to (the last key read before it), if any.
        var key: String?
        /// Paired with the escape right before (low) or right after (high) it.
        var paired = false
        /// The escape is the first thing in its string.
        var atStringStart = false
        /// The escape is the last thing in its string.
        var atStringEnd = false

        var isHigh: Bool { (0xD800...0xDBFF).contains(unit) }
        var isLow: Bool { (0xDC00...0xDFFF).contains(unit) }
        var isLoneHighAtEnd: Bool { isHigh && !paired && atStringEnd }
        var isLoneLowAtStart: Bool { isLow && !paired && atStringStart }
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    /// The surrogate escapes of a JSON text, in order, with their pairing and positions. Reads
    /// strings and keys only; anything else (numbers, braces, a text that is not JSON) is
    /// skipped, so it never fails.
    static func scan(_ bytes: [UInt8]) -> [Escape] {
        var escapes: [Escape] = []
        var lastKey: String?
        var i = 0
        while i < bytes.count {
            guard bytes[i] == quote else {
                i += 1
                continue
            }
            // A string from i+1 to its closing quote.
            let contentStart = i + 1
            var j = contentStart
            var found: [Escape] = []
            while j < bytes.count, bytes[j] != quote {
                if bytes[j] == backslash {
                    if j + 5 < bytes.count, bytes[j + 1] == UInt8(ascii: "u"), let unit = hexUnit(bytes[(j + 2)..<(j + 6)]),
                        (0xD800...0xDFFF).contains(unit)
                    {
                        found.append(Escape(range: j..<(j + 6), unit: unit, atStringStart: j == contentStart))
                        j += 6
                    } else {
                        j += 2
                    }
                } else {
                    j += 1
                }
            }
            let contentEnd = min(j, bytes.count)
            // Is it a key? The next non-space byte is a colon.
            var k = contentEnd + 1
            while k < bytes.count, bytes[k] == 0x20 || bytes[k] == 0x09 || bytes[k] == 0x0A || bytes[k] == 0x0D { k += 1 }
            if k < bytes.count, bytes[k] == UInt8(ascii: ":") {
                lastKey = String(decoding: bytes[contentStart..<contentEnd], as: UTF8.self)
            } else {
                for index in found.indices {
                    found[index].key = lastKey
                    if found[index].range.upperBound == contentEnd && j < bytes.count { found[index].atStringEnd = true }
                    if found[index].isHigh, index + 1 < found.count, found[index + 1].isLow,
                        found[index + 1].range.lowerBound == found[index].range.upperBound
                    {
                        found[index].paired = true
                        found[index + 1].paired = true
                    }
                }
                escapes += found
            }
            i = contentEnd + 1
        }
        return escapes
    }

    private static func hexUnit(_ digits: ArraySlice<UInt8>) -> UInt16? {
        var value: UInt16 = 0
        for digit in digits {
            let nibble: UInt8
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = digit - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(nibble)
        }
        return value
    }

    // MARK: - Editing

    /// Moves the lone low halves at the start of `next`'s strings to the ends of `held`'s
    /// strings that end in a lone high half under the same key, in order.
    private static func join(_ held: inout [UInt8], with next: inout [UInt8]) {
        let highs = scan(held).filter(\.isLoneHighAtEnd)
        var lows = scan(next).filter(\.isLoneLowAtStart)
        var insertions: [(at: Int, bytes: [UInt8])] = []
        var removals: [Range<Int>] = []
        // Same key first (content with content, reasoning with reasoning), then any key (Mistral
        // sends a part's "text" and then a plain "content" string for the same answer).
        var matches: [(high: Escape, low: Escape)] = []
        var unmatched: [Escape] = []
        for high in highs {
            if let match = lows.firstIndex(where: { $0.key == high.key }) {
                matches.append((high, lows.remove(at: match)))
            } else {
                unmatched.append(high)
            }
        }
        for high in unmatched where !lows.isEmpty {
            matches.append((high, lows.removeFirst()))
        }
        for (high, low) in matches {
            insertions.append((high.range.upperBound, Array(next[low.range])))
            removals.append(low.range)
        }
        for insertion in insertions.sorted(by: { $0.at > $1.at }) {
            held.insert(contentsOf: insertion.bytes, at: insertion.at)
        }
        for range in removals.sorted(by: { $0.lowerBound > $1.lowerBound }) {
            next.removeSubrange(range)
        }
    }

    /// The payload with every unpaired surrogate escape written as `\ufffd`.
    private static func replacingLoneSurrogates(in bytes: [UInt8]) -> String {
        let lone = scan(bytes).filter { !$0.paired }
        guard !lone.isEmpty else { return String(decoding: bytes, as: UTF8.self) }
        var out = bytes
        for escape in lone.reversed() {
            out.replaceSubrange(escape.range, with: Array(#"\ufffd"#.utf8))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A byte scan on the contiguous text (issue 16: the generic `utf8.contains` was 3% of a
    /// streamed chunk's cost).
    private static func hasBackslash(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
            return memchr(base, Int32(backslash), bytes.count) != nil
        }
    }
}
