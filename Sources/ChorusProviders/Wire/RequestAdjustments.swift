/// A parameter of a request that a server may refuse and that the request can go without:
/// what it is called on the wire, which Chorus setting it carries, and what happens instead.
struct RefusableParameter: Sendable, Hashable {
    /// The name in the JSON body, as a server's error names it: "temperature", "max_tokens".
    var name: String
    /// The setting it carries, as the record names it ("temperature", "max_tokens",
    /// "reasoning_effort", "seed"; "stream_options" for the usage report a stream asks for).
    var setting: String
    /// What the next request does instead, e.g. "sent without it", "sent as max_completion_tokens".
    var instead: String
    /// The key the wire's `RequestAdjustments` leaves out when it is refused: the name, unless
    /// one wire name comes in several forms tried in turn (`response_format` as
    /// `StructuredForm.jsonSchemaKey`, then `StructuredForm.jsonObjectKey`).
    var key: String
    /// How the record names what was refused: "it" (the setting), or the form, e.g.
    /// "response_format json_schema".
    var refusedWhat: String
    /// A form of request rather than a value: any 400, 422 or 500 whose body names it is a
    /// refusal, whatever it says (see `ParameterRefusal`).
    var anyComplaintRefuses: Bool

    init(
        _ name: String, setting: String? = nil, instead: String = "sent without it", key: String? = nil,
        refusedWhat: String = "it", anyComplaintRefuses: Bool = false
    ) {
        self.name = name
        self.setting = setting ?? name
        self.instead = instead
        self.key = key ?? name
        self.refusedWhat = refusedWhat
        self.anyComplaintRefuses = anyComplaintRefuses
    }
}

/// What a request goes without (or sends under another name), and why: filled before the first
/// send from what is known (`ModelQuirks`, Anthropic's thinking), then by each refusal a server
/// answers (`ParameterRefusal`). The wire builds its body from it; `StreamingCall` reports each
/// entry once as `ChatChunk.notApplied`.
struct RequestAdjustments: Sendable, Hashable {
    /// One setting not applied as asked, for the record.
    struct NotApplied: Sendable, Hashable {
        var setting: String
        var reason: String
    }

    /// Wire names of the parameters left out. For a parameter with a replacement (OpenAI's
    /// `max_tokens`), the wire sends the replacement instead.
    private(set) var omitted: Set<String> = []
    /// What to record, in the order it was decided.
    private(set) var notApplied: [NotApplied] = []

    init() {}

    func omits(_ name: String) -> Bool { omitted.contains(name) }

    /// Leaves `name` out from now on; `reason` (nil: nothing worth recording, e.g. a temperature
    /// of 1 that is the model's default anyway) goes to the record under `setting`.
    /// Returns false when it was already left out.
    @discardableResult
    mutating func omit(_ name: String, setting: String? = nil, reason: String?) -> Bool {
        guard omitted.insert(name).inserted else { return false }
        if let reason { notApplied.append(NotApplied(setting: setting ?? name, reason: reason)) }
        return true
    }

    /// Records a setting applied otherwise than asked, with nothing left out (e.g. Anthropic's
    /// `max_tokens` raised above a thinking budget).
    mutating func record(_ setting: String, reason: String) {
        notApplied.append(NotApplied(setting: setting, reason: reason))
    }
}
