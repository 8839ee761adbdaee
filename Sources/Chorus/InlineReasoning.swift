/// Splits an answer whose reasoning is written inline, `<think>…</think>` at its start, into
/// reasoning and answer as the text streams in. Servers without a reasoning parser (llama.cpp
/// and vLLM started without one, some proxies) pass DeepSeek-R1's and Qwen3's thinking on
/// this way; without the split, a tentative guess inside the thinking would be voted on.
///
/// Only a tag at the start of the answer (after white space) opens reasoning: a `<think>` in the
/// middle of an answer is text about tags. Tags may arrive split across chunks. Some chat
/// templates put the opening tag in the prompt, so the model writes only the closing one;
/// `splitAtLoneClosingTag` handles that once the whole text is known.
struct InlineReasoning {
    static let open = "<think>"
    static let close = "</think>"

    private enum Phase {
        /// Nothing but white space (and maybe part of the opening tag) so far.
        case start
        case thinking
        /// Right after the closing tag: white space before the answer is dropped.
        case afterThinking
        case answering
    }

    private var phase = Phase.start
    /// Text held back because it may be the start of a tag.
    private var pending = ""

    /// True once the answer proper is streaming: every further piece is text as it is, so the
    /// engine hands it on without asking `feed` (no array per chunk, issue 16).
    var passesThrough: Bool {
        if case .answering = phase { return true }
        return false
    }

    /// The pieces `piece` releases, in order: `.reasoning` and `.text` chunks.
    mutating func feed(_ piece: String) -> [ChatChunk] {
        if case .answering = phase { return [.text(piece)] }
        pending += piece
        var out: [ChatChunk] = []
        while true {
            switch phase {
            case .start:
                let trimmed = pending.drop { $0.isWhitespace }
                if trimmed.hasPrefix(Self.open) {
                    pending = String(trimmed.dropFirst(Self.open.count))
                    phase = .thinking
                } else if Self.open.hasPrefix(trimmed) {
                    return out  // maybe the tag, still arriving
                } else {
                    phase = .answering
                    out.append(.text(pending))
                    pending = ""
                    return out
                }
            case .thinking:
                if let range = pending.range(of: Self.close) {
                    let thought = String(pending[..<range.lowerBound])
                    if !thought.isEmpty { out.append(.reasoning(thought)) }
                    pending = String(pending[range.upperBound...])
                    phase = .afterThinking
                } else {
                    // Keep back what could be the start of the closing tag.
                    let keep = Self.partialSuffix(of: pending, prefixOf: Self.close)
                    let thought = String(pending.dropLast(keep))
                    if !thought.isEmpty { out.append(.reasoning(thought)) }
                    pending = String(pending.suffix(keep))
                    return out
                }
            case .afterThinking:
                let rest = pending.drop { $0.isWhitespace }
                guard !rest.isEmpty else {
                    pending = ""
                    return out
                }
                phase = .answering
                out.append(.text(String(rest)))
                pending = ""
                return out
            case .answering:
                if !pending.isEmpty { out.append(.text(pending)) }
                pending = ""
                return out
            }
        }
    }

    /// The end of the stream: what was held back goes out as what it turned out to be.
    mutating func finish() -> [ChatChunk] {
        defer { pending = "" }
        guard !pending.isEmpty else { return [] }
        switch phase {
        case .thinking: return [.reasoning(pending)]
        case .afterThinking: return []
        case .start, .answering: return [.text(pending)]
        }
    }

    /// For an answer with a closing tag but no opening one (the template opened it): the text
    /// before the first `</think>` is reasoning. Nil when `text` has no such tag.
    static func splitAtLoneClosingTag(_ text: String) -> (reasoning: String, answer: String)? {
        guard let range = text.range(of: close), !text[..<range.lowerBound].contains(open) else { return nil }
        let answer = text[range.upperBound...].drop { $0.isWhitespace }
        return (String(text[..<range.lowerBound]), String(answer))
    }

    /// The length of the longest suffix of `text` that is a proper prefix of `tag`.
    private static func partialSuffix(of text: String, prefixOf tag: String) -> Int {
        var n = min(text.count, tag.count - 1)
        while n > 0 {
            if tag.hasPrefix(text.suffix(n)) { return n }
            n -= 1
        }
        return 0
    }
}
