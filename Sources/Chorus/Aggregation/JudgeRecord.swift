/// What the judge did, for the record (`AggregationRecord.judge`, JSON key `judge`): the order it
/// was shown the answers in, each pass's raw reply and pick, the output form the server took, and
/// how the final pick was made. Kept on a fallback too, so a reader sees why no answer was named.
///
/// Why two passes in two orders: measured on the local model (SmolLM2-135M), a constrained judge
/// picks the first answer whatever the text (position bias). Each pass sees the answers in an
/// order recorded here (worker indices, answer 1 first), so a pick is never read against the
/// wrong order, and a pick that only follows the position shows as two passes that disagree.
public struct JudgeRecord: Sendable, Codable, Hashable {
    /// How the server was asked for the pick (`ChatRequest.responseSchema`; the providers step
    /// down from one form to the next when a server refuses it, see `StructuredForm`).
    public enum OutputForm: String, Sendable, Codable, Hashable {
        /// OpenAI's `response_format: {"type": "json_schema", ...}`, as first asked.
        case jsonSchema = "json_schema"
        /// llama-cpp-python's `response_format: {"type": "json_object", "schema": ...}`.
        case jsonObject = "json_object+schema"
        /// No structured output: the schema was an instruction in the prompt.
        case instruction
        /// Anthropic: the schema as a tool's input, forced (or offered, with extended thinking).
        case tool
    }

    /// One judge call.
    public struct Pass: Sendable, Codable, Hashable {
        /// The answers as presented, by worker index (from 0): answer 1 is `order[0]`.
        public var order: [Int]
        /// The judge's reply as it came (nil when the call failed).
        public var reply: String?
        /// The answer number the reply named (1...N), nil when it named none.
        public var pick: Int?
        /// The worker that number maps to through `order`.
        public var worker: Int?
        /// The form the request was answered in; nil when the record cannot tell.
        public var form: OutputForm?
        /// Why the call gave no reply (every aggregator model failed), one line.
        public var error: String?

        public init(
            order: [Int], reply: String? = nil, pick: Int? = nil, worker: Int? = nil, form: OutputForm? = nil,
            error: String? = nil
        ) {
            self.order = order
            self.reply = reply
            self.pick = pick
            self.worker = worker
            self.form = form
            self.error = error
        }
    }

    /// How the final pick came out of the passes.
    public enum Decision: String, Sendable, Codable, Hashable {
        /// Every pass that named an answer named the same worker, and there was more than one.
        case agreed
        /// One pass only named an answer (one pass was asked, or the other named none or failed).
        case onePass = "one_pass"
        /// The passes named different workers; the one with more workers behind its answer in
        /// the record's tally was taken.
        case tally
        /// The passes named different workers with as many workers behind each; the first pass's.
        case firstPass = "first_pass"
        /// Every pass replied and none named an answer: the aggregator concatenated the answers.
        case none
        /// A pass's call failed (every aggregator model) before any pass named an answer.
        case failed
        /// The merge ended (timed out, cancelled) before the last pass: what the record has so far.
        case unfinished
    }

    public var passes: [Pass]
    public var decision: Decision
    /// The final worker (from 0); nil when `decision` is `none`.
    public var worker: Int?
    /// The decision in words ("both orders picked worker 2"), as the reason shows it.
    public var how: String

    public init(passes: [Pass], decision: Decision, worker: Int?, how: String) {
        self.passes = passes
        self.decision = decision
        self.worker = worker
        self.how = how
    }
}

extension JudgeRecord.OutputForm {
    /// The form a reply came in: the last `schema` step-down the provider reported (the
    /// providers' `StructuredForm` notes, as `AttemptRecord.schemaForm` reads them), else the
    /// first form of the built-in wire the provider name says (`openai`: json_schema, `anthropic`:
    /// tool). Nil for a named provider that stepped down nowhere: its wire is not in the record.
    init?(_ reply: AggregatorFallback.Reply) {
        if let note = reply.notApplied.last(where: { $0.setting == "schema" })?.reason.lowercased() {
            if note.contains("was offered") {
                self = .tool
            } else if note.contains("sent without response_format") || note.contains("sent without the tool")
                || note.contains("instruction in the prompt")
            {
                self = .instruction
            } else if note.contains("json_object") {
                self = .jsonObject
            } else {
                return nil
            }
            return
        }
        switch reply.model.provider {
        case "openai": self = .jsonSchema
        case "anthropic": self = .tool
        default: return nil
        }
    }
}
