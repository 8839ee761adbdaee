/// What the judge is sent: the answers in one pass's order, numbered as shown, and the schema
/// its reply is held to.
extension Judge {
    /// The system prompt, then the task, the answers numbered in `order` (positions into
    /// `input.answers`) and the agreement in those numbers, then the question.
    public static func messages(for input: AggregationInput, order: [Int], prompt: PromptLibrary.Prompt) -> [ChatMessage] {
        [.system(prompt.system), .user(answersBlock(input, order: order) + "\n\n" + prompt.instruction)]
    }

    /// `AnswersBlock.full` in the pass's order. The agreement lines name the answers by the
    /// numbers shown ("2 of 5 answers say: 391 (answers 1, 4)"), never by worker: a judge told
    /// "workers 2, 5" beside "Answer 2" reads the wrong answer.
    static func answersBlock(_ input: AggregationInput, order: [Int]) -> String {
        var parts = ["Task:\n\(input.task)"]
        var shown: [Int: Int] = [:]  // worker -> number shown
        for (number, position) in order.enumerated() {
            let a = input.answers[position]
            shown[a.worker] = number + 1
            let label = a.ownLabel.map { " (focus: \($0))" } ?? ""
            parts.append("Answer \(number + 1)\(label):\n\(a.text.trimmingTrailingWhitespace())")
        }
        if order.count > 1, !input.tally.groups.isEmpty {
            let tally = input.tally
            let lines = tally.groups.map { g -> String in
                let numbers = g.workers.compactMap { shown[$0] }.sorted()
                let who = "answer\(numbers.count == 1 ? "" : "s") " + numbers.map(String.init).joined(separator: ", ")
                switch tally.method {
                case .exact: return "\(g.count) of \(tally.total) answers say: \(g.named) (\(who))"
                case .overlap:
                    return g.count == 1
                        ? "1 of \(tally.total) answers stands alone (\(who)): \(g.display)"
                        : "\(g.count) of \(tally.total) answers agree (\(who)), e.g.: \(g.display)"
                }
            }
            parts.append("Agreement between the answers:\n" + lines.joined(separator: "\n"))
        }
        return parts.joined(separator: "\n\n")
    }

    /// The longest reason the schema lets through.
    public static let reasonMaxLength = 160

    /// `{"best": <integer enum 1...count>, "reason": <string, at most 160 characters>}`, `best`
    /// required and first.
    ///
    /// Why `best` is an enum: a server that enforces the schema (OpenAI's json_schema,
    /// llama-cpp-python's grammar, Anthropic's forced tool) can then only send a number in range,
    /// so the pick always parses. Why `reason` comes after it: grammar-constrained servers write
    /// properties in schema order (llama.cpp puts required ones first), so the pick is written
    /// before any reason and survives a reply cut at max tokens; a reason written first would let
    /// a small model talk itself out of the token budget before it picks. Why `reason` is kept at
    /// all: the record shows why the judge picked (`reason`, `howMade`), as it did before. Why it
    /// is bounded and optional: `maxLength` ends a small model's ramble inside the grammar, and a
    /// schema with an optional property is sent without OpenAI's `strict` (which takes neither
    /// `maxLength` nor optional properties), so no server refuses it for being strict-only.
    public static func pickSchema(count: Int) -> ResponseSchema {
        ResponseSchema(
            name: "judge_pick",
            schema: .object([
                "type": .string("object"),
                "properties": .object([
                    "best": .object([
                        "type": .string("integer"),
                        "enum": .array((1...max(count, 1)).map { .number(Double($0)) }),
                        "description": .string("the number of the best answer"),
                    ]),
                    "reason": .object([
                        "type": .string("string"),
                        "maxLength": .number(Double(reasonMaxLength)),
                        "description": .string("one short sentence"),
                    ]),
                ]),
                "required": .array([.string("best")]),
                "additionalProperties": .bool(false),
            ]))
    }
}
