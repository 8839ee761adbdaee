/// The prompt of a batch with `{field}` placeholders, filled in once per item.
///
/// Only `{name}` with a plain name (`[A-Za-z_][A-Za-z0-9_.-]*`) is a placeholder. Any other brace
/// text stays as written, because prompts often show JSON (`{"a": 1}`) and that must not be an
/// error; `{{` and `}}` are there for the rare prompt that needs a literal `{text}`.
public struct PromptTemplate: Sendable, Hashable {
    /// The template as written.
    public let text: String
    /// The field names it uses, each once, in order of first use.
    public let placeholders: [String]
    private let segments: [Segment]

    private enum Segment: Sendable, Hashable {
        case literal(String)
        case placeholder(String)
    }

    public init(_ text: String) throws(BatchInputError) {
        if text.allSatisfy(\.isWhitespace) {
            throw BatchInputError("the prompt template is empty; write the prompt with a {field} for each item's data, e.g. \"Summarize: {text}\"")
        }
        let segments = Self.segments(of: text)
        var placeholders: [String] = []
        for case .placeholder(let name) in segments where !placeholders.contains(name) {
            placeholders.append(name)
        }
        if placeholders.isEmpty {
            throw BatchInputError("the prompt template uses no {field}, so every item would get the same prompt; add e.g. {text}")
        }
        self.text = text
        self.placeholders = placeholders
        self.segments = segments
    }

    /// The prompt for `item`. A field the item lacks renders as nothing: `validate` is where a
    /// missing field is reported, once for the whole batch instead of once per item.
    public func render(_ item: BatchItem) -> String {
        var prompt = ""
        for segment in segments {
            switch segment {
            case .literal(let literal): prompt += literal
            case .placeholder(let name): prompt += item.value(of: name) ?? ""
            }
        }
        return prompt
    }

    /// Throws if some readable item lacks a field the template uses, before any model is called:
    /// a batch of 500 where 2 items would get a prompt with a hole is better stopped early. The
    /// message names the first such placeholder (in template order), the first item lacking it,
    /// how many lack it, and the fields that item does have, since the cause is usually a typo
    /// or a different column name. Items with a `problem` are skipped; they fail on their own.
    public func validate(_ items: [BatchItem]) throws(BatchInputError) {
        var lacking = [Int](repeating: 0, count: placeholders.count)
        var firstLacking = [BatchItem?](repeating: nil, count: placeholders.count)
        var readable = 0
        for item in items where item.problem == nil {
            readable += 1
            for (index, name) in placeholders.enumerated() where item.value(of: name) == nil {
                lacking[index] += 1
                if firstLacking[index] == nil { firstLacking[index] = item }
            }
        }
        guard let index = lacking.firstIndex(where: { $0 > 0 }), let item = firstLacking[index] else { return }
        let name = placeholders[index]
        let fieldNames = item.fields.keys.sorted()
        let fieldList = fieldNames.isEmpty ? "it has no fields" : "its fields are: " + fieldNames.joined(separator: ", ")
        let count = lacking[index] == readable ? "all \(readable) items lack it" : "\(lacking[index]) of \(readable) items lack it"
        var message = "the prompt uses {\(name)}, but item \"\(item.id)\" (\(item.location)) has no field \"\(name)\" (\(count)); \(fieldList)"
        if let near = fieldNames.first(where: { $0.lowercased() == name.lowercased() }) {
            message += "; did you mean {\(near)}?"
        }
        throw BatchInputError(message)
    }

    /// Splits the template into literal text and placeholders, reading left to right so `{{`
    /// wins over a placeholder: `{{text}}` is the literal `{text}`.
    private static func segments(of text: String) -> [Segment] {
        let bytes = Array(text.utf8)
        var segments: [Segment] = []
        var literal: [UInt8] = []
        func flushLiteral() {
            if !literal.isEmpty { segments.append(.literal(String(decoding: literal, as: UTF8.self))) }
            literal = []
        }
        let open = UInt8(ascii: "{")
        let close = UInt8(ascii: "}")
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let next = index + 1 < bytes.count ? bytes[index + 1] : nil
            if (byte == open || byte == close), next == byte {
                literal.append(byte)
                index += 2
                continue
            }
            if byte == open, let nameEnd = placeholderNameEnd(bytes, from: index + 1) {
                flushLiteral()
                segments.append(.placeholder(String(decoding: bytes[(index + 1)..<nameEnd], as: UTF8.self)))
                index = nameEnd + 1
                continue
            }
            literal.append(byte)
            index += 1
        }
        flushLiteral()
        return segments
    }

    /// Where a placeholder name starting at `start` ends (the index of its `}`), or nil when the
    /// text there is not a name followed by `}`.
    private static func placeholderNameEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        func isNameStart(_ b: UInt8) -> Bool {
            (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z"))
                || b == UInt8(ascii: "_")
        }
        func isNameByte(_ b: UInt8) -> Bool {
            isNameStart(b) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: ".")
                || b == UInt8(ascii: "-")
        }
        guard start < bytes.count, isNameStart(bytes[start]) else { return nil }
        var index = start + 1
        while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
        return index < bytes.count && bytes[index] == UInt8(ascii: "}") ? index : nil
    }
}
