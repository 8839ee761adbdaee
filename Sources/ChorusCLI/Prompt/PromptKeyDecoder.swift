import ChorusTUI

/// Bytes from a terminal in raw mode to the line editor's inputs: I/O-free, fed whatever each
/// `read` returned (a sequence may be split between reads; the rest is kept for the next feed).
///
/// Knows the control keys (Ctrl-A/B/C/D/E/F/K/N/P/U/W, Backspace as DEL or BS, Enter as CR or
/// LF), CSI and SS3 sequences (xterm ctlseqs: arrows `ESC [ A`…`D` / `ESC O A`…`D` with or
/// without modifiers, Home/End in every form `TerminalKeySequences` lists, Delete `ESC [ 3 ~`),
/// Alt-b/Alt-f (word left/right, as readline), UTF-8 text, and bracketed paste: everything
/// between `ESC [ 200 ~` and `ESC [ 201 ~` is one `.paste`, newlines kept, never keys.
public struct PromptKeyDecoder: Sendable {
    private var pending: [UInt8] = []
    /// Inside a bracketed paste: the bytes so far.
    private var pasted: [UInt8]?

    public init() {}

    /// True when the bytes kept are a lone Esc: the caller waits briefly for more, then calls
    /// `flushEscape` (a key press of Esc alone, which the prompt ignores).
    public var awaitsEscape: Bool { pasted == nil && pending == [0x1B] }

    public mutating func flushEscape() -> [LineEditor.Input] {
        guard awaitsEscape else { return [] }
        pending = []
        return [.ignored]
    }

    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [LineEditor.Input] {
        pending.append(contentsOf: bytes)
        var inputs: [LineEditor.Input] = []
        var i = 0
        while i < pending.count {
            if pasted != nil {
                let end = Array(TerminalKeySequences.pasteEnd.utf8)
                if let found = Self.find(end, in: pending, from: i) {
                    pasted!.append(contentsOf: pending[i..<found])
                    let text = String(decoding: pasted!, as: UTF8.self)
                    inputs.append(.paste(TerminalKeySequences.normalizePasted(text)))
                    pasted = nil
                    i = found + end.count
                    continue
                }
                // Keep a tail that may be the start of the end marker; the rest is text.
                let keep = Self.partialSuffix(of: end, in: pending, from: i)
                pasted!.append(contentsOf: pending[i..<(pending.count - keep)])
                i = pending.count - keep
                break
            }
            guard let (consumed, input) = decodeOne(at: i) else { break }  // incomplete: wait for more
            i += consumed
            if let input { inputs.append(input) }
        }
        pending.removeFirst(i)
        return inputs
    }

    /// One key at `i`: (bytes used, the input or nil for a paste start), or nil when incomplete.
    private mutating func decodeOne(at i: Int) -> (Int, LineEditor.Input?)? {
        let byte = pending[i]
        switch byte {
        case 0x1B:
            return decodeEscape(at: i)
        case 0x01: return (1, .home)
        case 0x02: return (1, .left)
        case 0x03: return (1, .interrupt)
        case 0x04: return (1, .endOfInput)
        case 0x05: return (1, .end)
        case 0x06: return (1, .right)
        case 0x08, 0x7F: return (1, .backspace)
        case 0x0B: return (1, .killToEnd)
        case 0x0A, 0x0D: return (1, .enter)
        case 0x0E: return (1, .down)
        case 0x10: return (1, .up)
        case 0x15: return (1, .killToStart)
        case 0x17: return (1, .killWord)
        case 0x00..<0x20: return (1, .ignored)
        case 0x20..<0x80: return (1, .character(Character(Unicode.Scalar(byte))))
        default:
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            guard i + length <= pending.count else { return nil }
            let text = String(decoding: pending[i..<(i + length)], as: UTF8.self)
            return (length, text.first.map { .character($0) } ?? .ignored)
        }
    }

    private mutating func decodeEscape(at i: Int) -> (Int, LineEditor.Input?)? {
        guard i + 1 < pending.count else { return nil }
        let next = pending[i + 1]
        switch next {
        case UInt8(ascii: "["), UInt8(ascii: "O"):
            // CSI: parameters and intermediates (0x20-0x3F), then a final byte (0x40-0x7E).
            var j = i + 2
            while j < pending.count, (0x20...0x3F).contains(pending[j]) { j += 1 }
            guard j < pending.count else { return nil }
            let sequence = String(decoding: pending[i...j], as: UTF8.self)
            let consumed = j - i + 1
            if sequence == TerminalKeySequences.pasteBegin {
                pasted = []
                return (consumed, nil)
            }
            return (consumed, Self.input(forSequence: sequence, final: pending[j]))
        case UInt8(ascii: "b"): return (2, .wordLeft)
        case UInt8(ascii: "f"): return (2, .wordRight)
        case 0x7F: return (2, .killWord)
        default: return (1, .ignored)  // Esc, then whatever follows is read on its own
        }
    }

    static func input(forSequence sequence: String, final: UInt8) -> LineEditor.Input {
        if TerminalKeySequences.home.contains(sequence) { return .home }
        if TerminalKeySequences.end.contains(sequence) { return .end }
        if sequence == TerminalKeySequences.delete { return .delete }
        // Arrows, with modifiers (`ESC [ 1 ; 5 D` is Ctrl-Left: a word, as in most shells).
        let modified = sequence.contains(";")
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return modified ? .wordRight : .right
        case UInt8(ascii: "D"): return modified ? .wordLeft : .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        default: return .ignored
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count - start >= needle.count else { return nil }
        for i in start...(haystack.count - needle.count) where haystack[i..<(i + needle.count)].elementsEqual(needle) {
            return i
        }
        return nil
    }

    /// How many bytes at the end of `haystack` (after `start`) are a proper prefix of `needle`.
    static func partialSuffix(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int {
        let available = haystack.count - start
        for length in stride(from: min(needle.count - 1, available), to: 0, by: -1)
        where haystack[(haystack.count - length)...].elementsEqual(needle[..<length]) {
            return length
        }
        return 0
    }
}
