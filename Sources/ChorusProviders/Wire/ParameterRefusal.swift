import Foundation

/// Decides, from a failed response, whether a server refused one parameter of the request that
/// the request can go without, and keeps what the request goes without from then on. I/O-free:
/// `StreamingCall` feeds it each non-2xx answer that came before any text and does what it says.
///
/// A refusal is HTTP 400 or 422 whose body names one of the request's refusable parameters
/// (those the wire lists for this request and that were not dropped yet) and says it is refused.
/// The shapes seen in the wild, each a test row in `ParameterRefusalTests`:
/// - OpenAI: `{"error": {"message": "Unsupported value: 'temperature' does not support 0.2 with
///   this model. Only the default (1) value is supported.", "type": "invalid_request_error",
///   "param": "temperature", "code": "unsupported_value"}}`, and `code: "unsupported_parameter"`
///   for `max_tokens` ("Use 'max_completion_tokens' instead.");
/// - gateways in front of servers without `stream_options`: `"Unknown parameter:
///   'stream_options'."` with `param`, `code: "unknown_parameter"` (one-api/new-api), or only a
///   message (`400 Bad Request: Unknown parameter: stream_options`);
/// - pydantic validation (Mistral, FastAPI servers), HTTP 422: `{"object": "error", "message":
///   {"detail": [{"type": "extra_forbidden", "loc": ["body", "stream_options"], "msg": "Extra
///   inputs are not permitted"}]}, ...}` or `{"detail": [...]}`; Azure's
///   "Validation error at #/stream_options: Extra inputs are not permitted";
/// - Anthropic with extended thinking: `{"type": "error", "error": {"type":
///   "invalid_request_error", "message": "`temperature` may only be set to 1 when thinking is
///   enabled. ..."}}` (no `param`: the name is found in the message).
///
/// A form of request rather than a value (`RefusableParameter.anyComplaintRefuses`: the
/// `response_format` of a schema'd answer, Anthropic's `tools`) is refused by any 400, 422 or 500
/// whose body names it, whatever it says: llama-cpp-python answers `{"type": "json_schema"}` with
/// HTTP 500 `{"error": {"message": "1 validation error:\n  {'type': 'literal_error', 'loc':
/// ('body', 'response_format', 'type'), 'msg': \"Input should be 'text' or 'json_object'\", ...}",
/// "type": "internal_server_error", "param": null, "code": null}}` (seen with 0.3.x), and OpenAI
/// answers a schema its strict mode cannot take with a 400 "Invalid schema for response_format
/// ...". Either way the next form down (`StructuredForm`) is the answer.
///
/// A 400 that names a parameter without refusing it ("max_tokens is too large: 5000. This model
/// supports at most 4096 completion tokens") is not a refusal: dropping the limit would change
/// the answer, so it fails with the server's message as before.
///
/// Each parameter is dropped at most once per call (a dropped one is no longer refusable), so a
/// call makes at most one extra request per refusable parameter; these requests do not count
/// against the retry budget (`RetryPolicy`), since nothing was wrong with the server.
struct ParameterRefusal: Sendable {
    /// What the request goes without so far; the wire builds each body from it.
    private(set) var adjustments: RequestAdjustments
    /// The refusals this call found, in order, for `RefusalMemory`.
    private(set) var learned: [RefusalMemory.Learned] = []

    init(planned: RequestAdjustments = RequestAdjustments()) {
        adjustments = planned
    }

    /// Starts from what an earlier call to the same server and model was refused
    /// (`RefusalMemory`): left out of the first request, recorded as learned earlier.
    mutating func adopt(_ earlier: [RefusalMemory.Learned]) {
        for refusal in earlier {
            adjustments.omit(refusal.key, setting: refusal.setting, reason: "\(refusal.reason) (learned from an earlier request)")
        }
    }

    enum Action: Sendable, Hashable {
        /// Send the request again with `adjustments`; record `notApplied`.
        case resend(notApplied: RequestAdjustments.NotApplied)
        /// Not a refusal this can work around: the attempt fails as any HTTP error does.
        case fail
    }

    /// A non-2xx answer before any text: `status`, the first bytes of its body, and the
    /// parameters the request carried that it could go without.
    mutating func failed(status: Int, body: [UInt8], refusable: [RefusableParameter]) -> Action {
        guard let found = Self.refused(status: status, body: body, among: refusable) else { return .fail }
        let (parameter, message) = found
        let reason = "the server refused \(parameter.refusedWhat) (\(Self.shortened(message))); \(parameter.instead)"
        guard adjustments.omit(parameter.key, setting: parameter.setting, reason: reason),
            let note = adjustments.notApplied.last
        else { return .fail }
        learned.append(RefusalMemory.Learned(key: parameter.key, setting: parameter.setting, reason: reason))
        return .resend(notApplied: note)
    }

    // MARK: - Reading the body

    /// Error codes and types that mean "this parameter is not taken" (OpenAI, gateways, pydantic).
    static let refusalCodes: Set<String> = [
        "unsupported_parameter", "unsupported_value", "unknown_parameter", "extra_forbidden", "unrecognized_parameter",
    ]
    /// Phrases of a message that refuses a parameter (lowercased).
    static let refusalPhrases = [
        "unsupported", "not supported", "does not support", "unknown parameter", "unknown field", "unknown name",
        "unrecognized", "not permitted", "not allowed", "may only be set", "only the default", "extra inputs",
        "extra fields",
    ]

    /// The refused parameter among `candidates`, and the server's message; nil when the answer
    /// is not a refusal of one of them.
    static func refused(
        status: Int, body: [UInt8], among candidates: [RefusableParameter]
    ) -> (RefusableParameter, String)? {
        // A form of request (`anyComplaintRefuses`) is also refused by a 500 naming it:
        // llama-cpp-python answers an unknown `response_format` type so.
        let clientError = status == 400 || status == 422
        let pool = clientError ? candidates : status == 500 ? candidates.filter(\.anyComplaintRefuses) : []
        guard !pool.isEmpty, !body.isEmpty else { return nil }
        var named: [String] = []
        var codes: [String] = []
        var messages: [String] = []
        if let json = try? JSONSerialization.jsonObject(with: Data(body)) {
            collect(json, named: &named, codes: &codes, messages: &messages)
        } else {
            messages.append(String(decoding: body.prefix(2000), as: UTF8.self))
        }
        let text = messages.joined(separator: " ")
        let lowered = text.lowercased()
        let refuses =
            codes.contains { refusalCodes.contains($0.lowercased()) } || refusalPhrases.contains { lowered.contains($0) }
        // A parameter is refused by a refusing message; a form of request by any complaint naming it.
        let eligible = refuses ? pool : pool.filter(\.anyComplaintRefuses)
        guard !eligible.isEmpty else { return nil }
        let message = messages.first ?? text
        if let parameter = eligible.first(where: { named.contains($0.name) }) { return (parameter, message) }
        // No field names it: the candidate the message mentions first, as a whole word.
        let mentioned = eligible.compactMap { candidate in wordPosition(of: candidate.name, in: lowered).map { (candidate, $0) } }
        guard let first = mentioned.min(by: { $0.1 < $1.1 }) else { return nil }
        return (first.0, message)
    }

    /// Walks an error body: `param` fields and pydantic `loc` paths name parameters; `code`
    /// and `type` fields are codes; `message`, `msg`, `detail` and `error` strings are messages.
    private static func collect(_ value: Any, named: inout [String], codes: inout [String], messages: inout [String]) {
        if let object = value as? [String: Any] {
            for (key, member) in object.sorted(by: { $0.key < $1.key }) {
                switch (key, member) {
                case ("param", let name as String): named.append(name)
                case ("loc", let path as [Any]): named += path.compactMap { $0 as? String }
                case ("code", let code as String), ("type", let code as String): codes.append(code)
                case ("message", let text as String), ("msg", let text as String), ("detail", let text as String),
                    ("error", let text as String):
                    messages.append(text)
                default: collect(member, named: &named, codes: &codes, messages: &messages)
                }
            }
        } else if let list = value as? [Any] {
            for item in list { collect(item, named: &named, codes: &codes, messages: &messages) }
        }
    }

    /// Where `word` first appears in `text` with no letter, digit or `_` on either side.
    static func wordPosition(of word: String, in text: String) -> Int? {
        let isWordCharacter: (Character) -> Bool = { $0.isLetter || $0.isNumber || $0 == "_" }
        var searchStart = text.startIndex
        while let range = text.range(of: word, range: searchStart..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !(before.map(isWordCharacter) ?? false) && !(after.map(isWordCharacter) ?? false) {
                return text.distance(from: text.startIndex, to: range.lowerBound)
            }
            searchStart = range.upperBound
        }
        return nil
    }

    /// The server's message on one line, at most 160 characters.
    static func shortened(_ message: String) -> String {
        let line = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count <= 160 ? line : String(line.prefix(159)) + "…"
    }
}
