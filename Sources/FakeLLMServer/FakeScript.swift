import Foundation

/// The fake server's script: rules tried in order for every chat request; the first that
/// matches answers. A request no rule matches is answered by its own directives (see
/// `FakeDirectives`), or by the plain default answer.
///
/// As JSON (for `fake-llm-server --script FILE`):
///
///     {
///       "rules": [
///         {"model": "worker-2", "responses": [{"status": 500}, {"status": 500}, {"text": "ok now"}]},
///         {"contains": "risk", "response": {"text": "Risky.", "intervalMs": 100}}
///       ],
///       "default": {"tokens": 20, "intervalMs": 10},
///       "rateLimit": {"requestsPerMinute": 600, "burst": 10, "retryAfterMs": 200},
///       "storm": {"afterRequests": 50, "durationMs": 2000, "retryAfterMs": 500},
///       "refuse": ["temperature", "max_tokens"]
///     }
///
/// `responses` are used one per matching call, in order; the last one repeats. `response` is
/// the one-element shorthand. In-process, tests can also pass a closure (`FakeScript.handler`).
///
/// `rateLimit` and `storm` are server-wide and come first: a chat request they turn away gets
/// HTTP 429 at once, before any rule, closure or directive is looked at (see `FakeRateLimit`,
/// `FakeStorm`).
public struct FakeScript: Sendable {
    public struct Rule: Sendable, Hashable, Codable {
        /// Matches when the request's `model` is exactly this.
        public var model: String?
        /// Matches when any message (system or user) contains this text.
        public var contains: String?
        /// Matches when the request goes to this path, e.g. "/v1/messages".
        public var path: String?
        public var responses: [FakeResponse]

        public init(
            model: String? = nil, contains: String? = nil, path: String? = nil, responses: [FakeResponse]
        ) {
            self.model = model
            self.contains = contains
            self.path = path
            self.responses = responses
        }

        private enum CodingKeys: String, CodingKey {
            case model, contains, path, responses, response
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            model = try c.decodeIfPresent(String.self, forKey: .model)
            contains = try c.decodeIfPresent(String.self, forKey: .contains)
            path = try c.decodeIfPresent(String.self, forKey: .path)
            if let list = try c.decodeIfPresent([FakeResponse].self, forKey: .responses) {
                responses = list
            } else if let one = try c.decodeIfPresent(FakeResponse.self, forKey: .response) {
                responses = [one]
            } else {
                throw DecodingError.dataCorruptedError(
                    forKey: .responses, in: c, debugDescription: "a rule needs \"responses\" (a list) or \"response\""
                )
            }
            guard !responses.isEmpty else {
                throw DecodingError.dataCorruptedError(
                    forKey: .responses, in: c, debugDescription: "\"responses\" must not be empty"
                )
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(model, forKey: .model)
            try c.encodeIfPresent(contains, forKey: .contains)
            try c.encodeIfPresent(path, forKey: .path)
            try c.encode(responses, forKey: .responses)
        }

        func matches(_ request: RecordedRequest) -> Bool {
            if let model, request.model != model { return false }
            if let path, request.path != path { return false }
            if let contains, !request.texts.contains(where: { $0.contains(contains) }) { return false }
            return true
        }
    }

    /// Decides a request's response in code; return nil to fall through to rules and directives.
    /// `call` counts earlier requests with the same model (from 0).
    public typealias Handler = @Sendable (_ request: RecordedRequest, _ call: Int) -> FakeResponse?

    public var rules: [Rule]
    /// The answer when neither a rule nor a directive applies (nil: a short sentence).
    public var defaultResponse: FakeResponse?
    public var handler: Handler?
    /// Wait before answering `GET /v1/models`, in milliseconds (a server that accepts but
    /// hangs, for discovery-timeout tests).
    public var modelsDelayMs: Int
    /// A server-wide token bucket on chat requests; over it, HTTP 429 (nil: no limit).
    public var rateLimit: FakeRateLimit?
    /// A spell of HTTP 429s after some requests (nil: none).
    public var storm: FakeStorm?
    /// Parameters refused server-wide: a chat request carrying one gets that server's HTTP 400
    /// before any rule (see `FakeRefusal`).
    public var refuse: [FakeRefusal]

    public init(
        rules: [Rule] = [], defaultResponse: FakeResponse? = nil, handler: Handler? = nil, modelsDelayMs: Int = 0,
        rateLimit: FakeRateLimit? = nil, storm: FakeStorm? = nil, refuse: [FakeRefusal] = []
    ) {
        self.refuse = refuse
        self.rules = rules
        self.defaultResponse = defaultResponse
        self.handler = handler
        self.modelsDelayMs = modelsDelayMs
        self.rateLimit = rateLimit
        self.storm = storm
    }

    /// A script that answers every request the same way.
    public static func always(_ response: FakeResponse) -> FakeScript {
        FakeScript(rules: [Rule(responses: [response])])
    }

    /// Reads a JSON script (the format above); the error names the problem.
    public static func load(json data: Data) throws -> FakeScript {
        struct File: Decodable {
            var rules: [Rule]?
            var `default`: FakeResponse?
            var modelsDelayMs: Int?
            var rateLimit: FakeRateLimit?
            var storm: FakeStorm?
            var refuse: [FakeRefusal]?
        }
        let file = try JSONDecoder().decode(File.self, from: data)
        return FakeScript(
            rules: file.rules ?? [], defaultResponse: file.default, modelsDelayMs: file.modelsDelayMs ?? 0,
            rateLimit: file.rateLimit, storm: file.storm, refuse: file.refuse ?? []
        )
    }
}
