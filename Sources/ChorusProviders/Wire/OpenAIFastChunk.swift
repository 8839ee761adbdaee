/// The fast path of `OpenAIStreamDecoder`: the common chunk shapes read straight from the bytes of
/// the event's `data`, into the same `OpenAIWire.Chunk` the full `JSONDecoder` path gives, so the
/// decoder's rules run unchanged on either (issue 16: `JSONDecoder` was about 65% of the
/// streaming cost).
///
/// It reads only keys it knows; any other key, any other type, a duplicated key, or anything
/// `ChunkJSONReader` gives up on returns nil, and the caller decodes with `JSONDecoder`. So a shape
/// it does not know costs the old price and gets the old answer: `FastPathTests` feeds every
/// recorded provider stream and generated ones through both and compares.
///
/// Known keys, OpenAI's streamed `chat.completion.chunk`:
/// `{"id", "object", "created", "model", "system_fingerprint", "service_tier", "obfuscation",
///   "choices": [{"index", "delta": {"role", "content", "reasoning_content", "reasoning"},
///   "finish_reason", "logprobs": null}],
///   "usage": null}`.
/// `id`, `created`, `model`, `system_fingerprint`, `service_tier`, `obfuscation`, `index`,
/// `role` and `logprobs` are not read by `OpenAIWire.Chunk`: they are only checked to be
/// well-formed. (A key the Codable structs start reading must leave the skipped list.)
/// `content` as a string (Mistral's list of parts goes the full way), the reasoning fields as
/// strings. A non-null `usage`, `error`, `message` go the full way.
enum OpenAIFastChunk {
    static func parse(_ data: String) -> OpenAIWire.Chunk? {
        var data = data
        return data.withUTF8 { bytes in
            var reader = ChunkJSONReader(bytes)
            return chunk(&reader)
        }
    }

    private static func chunk(_ r: inout ChunkJSONReader) -> OpenAIWire.Chunk? {
        guard r.take(0x7B) else { return nil }
        var out = OpenAIWire.Chunk()
        var seen: UInt16 = 0
        func once(_ bit: UInt16) -> Bool {
            defer { seen |= bit }
            return seen & bit == 0
        }
        if !r.take(0x7D) {
            repeat {
                guard let key = r.key() else { return nil }
                if key.spells("object") {
                    guard once(1), let value = r.stringOrNull() else { return nil }
                    out.object = value
                } else if key.spells("choices") {
                    guard once(2), let choices = self.choices(&r) else { return nil }
                    out.choices = choices
                } else if key.spells("usage") {
                    guard once(4), r.null() else { return nil }
                } else if key.spells("id") || key.spells("created") || key.spells("model")
                    || key.spells("system_fingerprint") || key.spells("service_tier") || key.spells("obfuscation")
                {
                    guard r.skipValue() else { return nil }
                } else {
                    return nil
                }
            } while r.take(0x2C)
            guard r.take(0x7D) else { return nil }
        }
        guard r.finished(), seen & 1 == 0 || out.object != "error" else { return nil }
        return out
    }

    /// `choices`: null or an array of choices; nil to give up.
    private static func choices(_ r: inout ChunkJSONReader) -> [OpenAIWire.Chunk.Choice]?? {
        if r.null() { return .some(nil) }
        guard r.take(0x5B) else { return nil }
        var list: [OpenAIWire.Chunk.Choice] = []
        if r.take(0x5D) { return .some(list) }
        repeat {
            guard let choice = choice(&r) else { return nil }
            list.append(choice)
        } while r.take(0x2C)
        guard r.take(0x5D) else { return nil }
        return .some(list)
    }

    private static func choice(_ r: inout ChunkJSONReader) -> OpenAIWire.Chunk.Choice? {
        guard r.take(0x7B) else { return nil }
        var out = OpenAIWire.Chunk.Choice()
        var seen: UInt8 = 0
        if r.take(0x7D) { return out }
        repeat {
            guard let key = r.key() else { return nil }
            if key.spells("delta") {
                guard seen & 1 == 0, let delta = self.delta(&r) else { return nil }
                seen |= 1
                out.delta = delta
            } else if key.spells("finish_reason") {
                guard seen & 2 == 0, let reason = r.stringOrNull() else { return nil }
                seen |= 2
                out.finish_reason = reason
            } else if key.spells("index") {
                guard r.skipValue() else { return nil }
            } else if key.spells("logprobs") {
                guard r.null() else { return nil }
            } else {
                return nil
            }
        } while r.take(0x2C)
        return r.take(0x7D) ? out : nil
    }

    /// `delta`: null or `{"role", "content", "reasoning_content", "reasoning"}`; nil to give up.
    private static func delta(_ r: inout ChunkJSONReader) -> OpenAIWire.Chunk.Choice.Content?? {
        if r.null() { return .some(nil) }
        guard r.take(0x7B) else { return nil }
        var out = OpenAIWire.Chunk.Choice.Content()
        var seen: UInt8 = 0
        if r.take(0x7D) { return .some(out) }
        repeat {
            guard let key = r.key() else { return nil }
            if key.spells("content") {
                // A string (every server); Mistral's list of parts goes the full way.
                guard seen & 1 == 0, let content = r.stringOrNull() else { return nil }
                seen |= 1
                out.content = content.map { .string($0) }
            } else if key.spells("reasoning_content") {
                guard seen & 2 == 0, let reasoning = r.stringOrNull() else { return nil }
                seen |= 2
                out.reasoning_content = reasoning
            } else if key.spells("reasoning") {
                guard seen & 4 == 0, let reasoning = r.stringOrNull() else { return nil }
                seen |= 4
                out.reasoning = reasoning
            } else if key.spells("role") {
                guard r.skipValue() else { return nil }
            } else {
                return nil
            }
        } while r.take(0x2C)
        return r.take(0x7D) ? .some(out) : nil
    }
}
