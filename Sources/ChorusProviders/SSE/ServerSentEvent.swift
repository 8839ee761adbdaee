/// One event of a `text/event-stream` body, as the WHATWG HTML standard defines it
/// (section "Server-sent events", "Interpreting an event stream").
///
/// Both wire formats Chorus speaks are event streams: OpenAI-compatible servers send only
/// `data:` lines (type "message"); Anthropic names every event (`event: content_block_delta`).
public struct ServerSentEvent: Sendable, Hashable {
    /// The `event:` field, or "message" when the event had none.
    public var type: String
    /// The `data:` lines of the event joined with "\n" (the standard's "data buffer" without its
    /// final newline).
    public var data: String
    /// The last `id:` seen in the stream so far (the standard's "last event ID", which persists
    /// across events), or nil when no event set one.
    public var id: String?

    public init(type: String = "message", data: String, id: String? = nil) {
        self.type = type
        self.data = data
        self.id = id
    }
}
