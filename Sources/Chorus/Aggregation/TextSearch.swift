import Foundation

/// Finding a short lower-case marker ("the answer is", ", ", " but ") in an answer, ignoring the
/// case of ASCII letters, on the UTF-8 bytes: what `text.lowercased().range(of:)` found before,
/// without lower-casing a copy of a long answer or bridging it to Foundation (issue 16).
///
/// As Foundation's search does (checked on Linux), a match is refused when a grapheme extender
/// follows it, and kept when a zero-width joiner or a spacing mark does, ending inside a
/// character: callers round such an end down (`characterStart`). No non-ASCII letter lower-cases to an ASCII
/// letter of a marker (the Kelvin sign becomes "k", which no marker has), so folding ASCII alone
/// finds the same matches.
enum TextSearch {
    /// The byte offset just past the last match of `marker` in `text`, or nil.
    static func lastMatch(of marker: String, in text: inout String) -> Int? {
        let needle = Array(marker.utf8)
        guard let first = needle.first else { return nil }
        return text.withUTF8 { bytes -> Int? in
            var start = bytes.count - needle.count
            while start >= 0 {
                // A tight loop to the next candidate first byte (markers start with a letter).
                while start >= 0, bytes[start] | 0x20 != first { start -= 1 }
                if start < 0 { return nil }
                if matches(needle, bytes, at: start) { return start + needle.count }
                start -= 1
            }
            return nil
        }
    }

    /// The byte offset of the first match of `marker` in `text`, or nil.
    static func firstMatch(of marker: String, in text: inout String) -> Int? {
        let needle = Array(marker.utf8)
        return text.withUTF8 { bytes -> Int? in
            guard bytes.count >= needle.count else { return nil }
            for start in 0...(bytes.count - needle.count) where matches(needle, bytes, at: start) { return start }
            return nil
        }
    }

    @inline(__always)
    private static func matches(_ needle: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        for k in 0..<needle.count {
            var b = bytes[start + k]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            if b != needle[k] { return false }
        }
        // A grapheme extender right after the match (a combining mark, a variation selector, an
        // emoji modifier) changes the last character: Foundation finds no match there. A
        // zero-width joiner or a spacing mark does not stop it.
        let end = start + needle.count
        if end < bytes.count, bytes[end] >= 0xCC {
            let (next, _) = CharacterScan.decode(bytes, at: end)
            if next.properties.isGraphemeExtend || (0x1F3FB...0x1F3FF).contains(next.value) { return false }
        }
        return true
    }

    /// The start of the character holding byte `offset` of `text` (a scalar boundary), as
    /// `String` rounds an index inside a character down: where the answer after a marker begins
    /// when the marker ends inside a character.
    static func characterStart(atOrBefore offset: Int, in text: inout String) -> Int {
        text.withUTF8 { bytes in
            var at = offset
            while at > 0, at < bytes.count {
                var before = at - 1
                while before > 0, bytes[before] & 0xC0 == 0x80 { before -= 1 }
                let (scalar, _) = CharacterScan.decode(bytes, at: at)
                let (previous, _) = CharacterScan.decode(bytes, at: before)
                guard CharacterScan.extends(scalar, after: previous, pictographic: CharacterScan.isPictographic(previous)) else { break }
                at = before
            }
            return at
        }
    }

    /// Whether `text` holds the bytes of `needle`, exactly. Looks for the needle's last byte with
    /// `memchr` (">" in "think>" is rare in prose, its "t" is not), then checks the bytes before it.
    static func containsBytes(_ needle: String, in text: String) -> Bool {
        var text = text
        let needle = Array(needle.utf8)
        return text.withUTF8 { bytes in
            guard let lastByte = needle.last, let base = bytes.baseAddress, bytes.count >= needle.count else {
                return needle.isEmpty
            }
            var i = needle.count - 1
            while i < bytes.count {
                guard let hit = memchr(base + i, Int32(lastByte), bytes.count - i) else { return false }
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                let start = i - (needle.count - 1)
                if (0..<needle.count - 1).allSatisfy({ bytes[start + $0] == needle[$0] }) { return true }
                i += 1
            }
            return false
        }
    }

    /// Whether a non-ASCII scalar of `text` passes `test`: ASCII bytes are skipped without
    /// decoding, so an English answer costs a byte scan.
    static func anyNonASCIIScalar(in text: String, where test: (Unicode.Scalar) -> Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                if bytes[i] < 0x80 {
                    i += 1
                    continue
                }
                let (scalar, length) = CharacterScan.decode(bytes, at: i)
                if test(scalar) { return true }
                i += length
            }
            return false
        }
    }
}
