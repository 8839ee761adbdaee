/// The fast path of `AnthropicStreamDecoder`: the events a stream is mostly made of
/// (`content_block_delta` with a `text_delta`, `thinking_delta` or a tool's `input_json_delta`, `ping`, `content_block_stop`) read straight from
/// the bytes of the event's `data` into the same `AnthropicWire.Event` `JSONDecoder` gives, so
/// the decoder's rules run unchanged on either (issue 16).
///
/// Known keys: `{"type", "index", "delta": {"type", "text", "thinking", "partial_json"}}` (text,
/// thinking and tool input deltas); `index` is not read by `AnthropicWire.Event`, only checked to be well-formed. Any
/// other key (a block start, a stop reason, usage, an error, a signature), a duplicated key, or anything `ChunkJSONReader` gives up on
/// returns nil, and the caller decodes with `JSONDecoder`.
enum AnthropicFastEvent {
    static func parse(_ data: String) -> AnthropicWire.Event? {
        var data = data
        return data.withUTF8 { bytes in
            var reader = ChunkJSONReader(bytes)
            return event(&reader)
        }
    }

    private static func event(_ r: inout ChunkJSONReader) -> AnthropicWire.Event? {
        guard r.take(0x7B) else { return nil }
        var out = AnthropicWire.Event()
        var seen: UInt8 = 0
        if !r.take(0x7D) {
            repeat {
                guard let key = r.key() else { return nil }
                if key.spells("type") {
                    guard seen & 1 == 0, let type = r.stringOrNull() else { return nil }
                    seen |= 1
                    out.type = type
                } else if key.spells("delta") {
                    guard seen & 2 == 0, let delta = self.delta(&r) else { return nil }
                    seen |= 2
                    out.delta = delta
                } else if key.spells("index") {
                    guard r.skipValue() else { return nil }
                } else {
                    return nil
                }
            } while r.take(0x2C)
            guard r.take(0x7D) else { return nil }
        }
        guard r.finished(), out.type != "error" else { return nil }
        return out
    }

    private static func delta(_ r: inout ChunkJSONReader) -> AnthropicWire.Event.Delta?? {
        if r.null() { return .some(nil) }
        guard r.take(0x7B) else { return nil }
        var out = AnthropicWire.Event.Delta()
        var seen: UInt8 = 0
        if r.take(0x7D) { return .some(out) }
        repeat {
            guard let key = r.key() else { return nil }
            if key.spells("type") {
                guard seen & 1 == 0, let type = r.stringOrNull() else { return nil }
                seen |= 1
                out.type = type
            } else if key.spells("text") {
                guard seen & 2 == 0, let text = r.stringOrNull() else { return nil }
                seen |= 2
                out.text = text
            } else if key.spells("thinking") {
                guard seen & 4 == 0, let thinking = r.stringOrNull() else { return nil }
                seen |= 4
                out.thinking = thinking
            } else if key.spells("partial_json") {
                guard seen & 8 == 0, let piece = r.stringOrNull() else { return nil }
                seen |= 8
                out.partial_json = piece
            } else {
                return nil
            }
        } while r.take(0x2C)
        return r.take(0x7D) ? .some(out) : nil
    }
}
