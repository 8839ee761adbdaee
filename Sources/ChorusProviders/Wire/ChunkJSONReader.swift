/// A forward-only reader of one JSON document's UTF-8 bytes, for the decoders' fast paths
/// (`OpenAIFastChunk`, `AnthropicFastEvent`): it reads the few shapes a streamed chunk has
/// without building a Codable container tree, and gives up (nil, false) on anything it is not
/// sure reads exactly as `JSONDecoder` would, so the caller falls back to `JSONDecoder`.
///
/// Gives up on: a string with a raw control character (invalid JSON, RFC 8259 section 7) or with
/// a `\u` escape of a surrogate (pairs and lone halves are the full decoder's business), a
/// key with any escape, a number outside RFC 8259's grammar, nesting deeper than 32.
struct ChunkJSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var atEnd: Bool { i >= bytes.count }

    @inline(__always)
    mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    /// Consumes `byte` (after whitespace) if it is next.
    @inline(__always)
    mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard i < bytes.count, bytes[i] == byte else { return false }
        i += 1
        return true
    }

    @inline(__always)
    mutating func peek() -> UInt8? {
        skipSpace()
        return i < bytes.count ? bytes[i] : nil
    }

    /// The raw bytes of an object key without escapes, and the colon after it; nil to give up.
    mutating func key() -> UnsafeBufferPointer<UInt8>? {
        guard take(0x22) else { return nil }
        let start = i
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x22 {
                let key = UnsafeBufferPointer(rebasing: bytes[start..<i])
                i += 1
                return take(0x3A) ? key : nil
            }
            if b == 0x5C || b < 0x20 { return nil }
            i += 1
        }
        return nil
    }

    /// `null`: true when it was consumed.
    mutating func null() -> Bool {
        skipSpace()
        guard i + 4 <= bytes.count, bytes[i] == 0x6E, bytes[i + 1] == 0x75, bytes[i + 2] == 0x6C, bytes[i + 3] == 0x6C
        else { return false }
        i += 4
        return true
    }

    /// A string value, decoded; nil to give up.
    mutating func string() -> String? {
        guard take(0x22) else { return nil }
        let start = i
        // The common case: no escapes, so the text is the bytes as they are.
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x22 {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                i += 1
                return text
            }
            if b == 0x5C { break }
            if b < 0x20 { return nil }
            i += 1
        }
        guard i < bytes.count else { return nil }
        var out: [UInt8] = Array(bytes[start..<i])
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x22 {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b < 0x20 { return nil }
            if b != 0x5C {
                out.append(b)
                i += 1
                continue
            }
            guard i + 1 < bytes.count else { return nil }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case 0x22, 0x5C, 0x2F: out.append(e)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                guard i + 4 <= bytes.count else { return nil }
                var v: UInt32 = 0
                for k in 0..<4 {
                    guard let d = Self.hexValue(bytes[i + k]) else { return nil }
                    v = v << 4 | d
                }
                i += 4
                guard !(0xD800...0xDFFF).contains(v), let scalar = Unicode.Scalar(v) else { return nil }
                out.append(contentsOf: String(Character(scalar)).utf8)
            default:
                return nil
            }
        }
        return nil
    }

    /// A string or `null`: `.some(nil)` for null, nil to give up.
    mutating func stringOrNull() -> String?? {
        if null() { return .some(nil) }
        guard let s = string() else { return nil }
        return .some(s)
    }

    /// Skips any value, checking it is well-formed; false to give up.
    mutating func skipValue(depth: Int = 0) -> Bool {
        guard depth < 32, let b = peek() else { return false }
        switch b {
        case 0x22:
            return skipString()
        case 0x7B:
            i += 1
            if take(0x7D) { return true }
            repeat {
                guard key() != nil, skipValue(depth: depth + 1) else { return false }
            } while take(0x2C)
            return take(0x7D)
        case 0x5B:
            i += 1
            if take(0x5D) { return true }
            repeat {
                guard skipValue(depth: depth + 1) else { return false }
            } while take(0x2C)
            return take(0x5D)
        case 0x6E: return literal("null")
        case 0x74: return literal("true")
        case 0x66: return literal("false")
        default: return skipNumber()
        }
    }

    private mutating func skipString() -> Bool {
        i += 1
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x22 {
                i += 1
                return true
            }
            if b < 0x20 { return false }
            if b == 0x5C {
                guard i + 1 < bytes.count else { return false }
                switch bytes[i + 1] {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: i += 2
                case 0x75:
                    guard i + 6 <= bytes.count else { return false }
                    var v: UInt32 = 0
                    for k in 2..<6 {
                        guard let d = Self.hexValue(bytes[i + k]) else { return false }
                        v = v << 4 | d
                    }
                    if (0xD800...0xDFFF).contains(v) { return false }
                    i += 6
                default: return false
                }
                continue
            }
            i += 1
        }
        return false
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        let w = word.utf8Start
        for k in 0..<n where bytes[i + k] != w[k] { return false }
        i += n
        return true
    }

    /// A number in RFC 8259's grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func skipNumber() -> Bool {
        if i < bytes.count, bytes[i] == 0x2D { i += 1 }
        guard i < bytes.count, Self.isDigit(bytes[i]) else { return false }
        if bytes[i] == 0x30 {
            i += 1
        } else {
            while i < bytes.count, Self.isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == 0x2E {
            i += 1
            guard i < bytes.count, Self.isDigit(bytes[i]) else { return false }
            while i < bytes.count, Self.isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == 0x65 || bytes[i] == 0x45 {
            i += 1
            if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
            guard i < bytes.count, Self.isDigit(bytes[i]) else { return false }
            while i < bytes.count, Self.isDigit(bytes[i]) { i += 1 }
        }
        return true
    }

    /// True when only whitespace is left.
    mutating func finished() -> Bool {
        skipSpace()
        return atEnd
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: UInt32(b - 0x30)
        case 0x41...0x46: UInt32(b - 0x41 + 10)
        case 0x61...0x66: UInt32(b - 0x61 + 10)
        default: nil
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether these bytes spell `word` (an ASCII key).
    @inline(__always)
    func spells(_ word: StaticString) -> Bool {
        guard count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<count where self[k] != w[k] { return false }
        return true
    }
}
