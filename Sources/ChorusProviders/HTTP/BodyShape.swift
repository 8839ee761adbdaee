/// What a response body is, judged by its first bytes rather than by its `Content-Type`.
///
/// Why: the label is often wrong in the wild. Some proxies and servers send a correct event
/// stream labelled `application/json`; llama.cpp's server answers a streamed request that it
/// refuses (e.g. a prompt larger than its context) with HTTP 200, `text/event-stream`, and one
/// bare JSON error object with no `data:` line. Reading by the label loses the answer in the
/// first case and the server's own message in the second.
///
/// Rule: skip a UTF-8 byte order mark and whitespace; `{` or `[` starts one JSON document;
/// a comment (`:`) or a field the event stream standard defines (`data:`, `event:`, `id:`,
/// `retry:`) starts an event stream (WHATWG HTML, "Interpreting an event stream"); anything
/// else (an HTML page, plain text) is neither.
enum BodyShape: Sendable, Hashable {
    case json
    case eventStream
    case other

    private static let fields = ["data:", "event:", "id:", "retry:"].map { Array($0.utf8) }

    /// The shape of a body that starts with `prefix`, or nil while the prefix is too short to
    /// tell (empty, only whitespace, or e.g. `da` so far).
    static func sniff(_ prefix: [UInt8]) -> BodyShape? {
        let start = trimmingStart(prefix)
        guard let first = start.first else { return nil }
        switch first {
        case UInt8(ascii: "{"), UInt8(ascii: "["): return .json
        case UInt8(ascii: ":"): return .eventStream
        default: break
        }
        for field in fields {
            if start.starts(with: field) { return .eventStream }
            if field.starts(with: start) { return nil }
        }
        return .other
    }

    /// The bytes after a leading byte order mark and whitespace (space, tab, CR, LF).
    static func trimmingStart(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        var rest = bytes[...]
        if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
        while let byte = rest.first, byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A {
            rest = rest.dropFirst()
        }
        return rest
    }
}
