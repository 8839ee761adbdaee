/// The vote per field: merges the workers' validated objects field by field into one object
/// that is valid against the schema, and says for each field how far the workers agree.
///
/// How each field type is merged (README "Structured answers"):
/// - enums, booleans, integers, numbers and short strings: an exact vote over the value after
///   the vote's normalisation (`AnswerExtraction.normalise`: case, punctuation, articles, number
///   words); a tie goes to the group whose first worker comes first, and says so in `note`;
/// - numbers marked as measurements (`~float`): the median, with the spread (largest minus
///   smallest); a worker agrees when its value is within `measurementTolerance` of the median;
/// - long strings (`Agreement.isShort` is false for some answer): the long-answer tally
///   (key-word overlap), its largest group's first answer; `synthesize` (and `auto` when no
///   group holds a strict majority) has the aggregator model merge the field instead;
/// - arrays of scalars: set-wise, an element is kept when a strict majority of the answers has
///   it (a worker agrees when its set is the merged set); arrays of objects or lists: the most
///   common whole array;
/// - nested objects: field by field, each nested field with its own entry (`address.city`).
///
/// Only required fields (with every enclosing object required) flag the run for review.
public struct FieldMerge: Sendable {
    /// A measurement agrees with the median when within 5% of the median's size (or 1e-9 of
    /// it when the median is 0): close enough that a reader would call it the same reading.
    public static let measurementTolerance = 0.05

    public var schema: StructuredSchema
    public var minAgreement: MinAgreement
    public var strategy: StrategyName
    /// Merges a long string field with the aggregator model (synthesize); nil merges without one.
    public var synthesizeLong: (@Sendable (_ path: String, _ answers: [Answer]) async throws -> String)?

    public init(
        schema: StructuredSchema, minAgreement: MinAgreement = .default, strategy: StrategyName = .vote,
        synthesizeLong: (@Sendable (_ path: String, _ answers: [Answer]) async throws -> String)? = nil
    ) {
        self.schema = schema
        self.minAgreement = minAgreement
        self.strategy = strategy
        self.synthesizeLong = synthesizeLong
    }

    /// One worker's object.
    public struct Input: Sendable, Hashable {
        public var worker: Int
        public var object: JSONValue
        public init(worker: Int, object: JSONValue) {
            self.worker = worker
            self.object = object
        }
    }

    /// Merges `inputs` (at least one). With `chosen` (a judge's pick), every field takes that
    /// worker's value and the agreement is counted against it.
    public func merge(_ inputs: [Input], chosen: Int? = nil) async -> StructuredOutcome {
        var outcomes: [FieldOutcome] = []
        let object = await mergeObject(schema.fields, inputs, path: "", required: true, chosen: chosen, into: &outcomes)
        for i in outcomes.indices where outcomes[i].method != .object && outcomes[i].required {
            outcomes[i].belowThreshold = !minAgreement.isMet(agreeing: outcomes[i].agreeing, of: inputs.count)
        }
        let review = outcomes.filter(\.belowThreshold).map(\.path)
        return StructuredOutcome(
            object: object, fields: outcomes, needsReview: !review.isEmpty, reviewFields: review, minAgreement: minAgreement,
            workers: inputs.map(\.worker))
    }

    private func mergeObject(
        _ fields: [SchemaField], _ inputs: [Input], path: String, required: Bool, chosen: Int?, into outcomes: inout [FieldOutcome]
    ) async -> JSONValue {
        var merged: [String: JSONValue] = [:]
        for field in fields {
            let fieldPath = path.isEmpty ? field.name : "\(path).\(field.name)"
            let given = inputs.compactMap { input -> Input? in
                guard let v = input.object[field.name], v != .null else { return nil }
                return Input(worker: input.worker, object: v)
            }
            let isRequired = required && field.required
            guard !given.isEmpty else {
                // An optional field no worker gave: left out of the object, and said so.
                outcomes.append(
                    FieldOutcome(path: fieldPath, value: .null, method: .vote, agreeing: inputs.count, of: inputs.count, required: isRequired,
                        note: "no answer gave this optional field"))
                continue
            }
            let values = Dictionary(uniqueKeysWithValues: given.map { ($0.worker, $0.object) })
            if case .object(let members) = field.type {
                let at = outcomes.count
                let value = await mergeObject(members, given, path: fieldPath, required: isRequired, chosen: chosen, into: &outcomes)
                let children = outcomes[at...].filter { $0.method != .object }
                let dissenters = Set(children.flatMap(\.dissenters)).sorted()
                outcomes.insert(
                    FieldOutcome(
                        path: fieldPath, value: value, method: .object, agreeing: given.count - dissenters.count, of: given.count,
                        dissenters: dissenters, required: isRequired, values: values),
                    at: at)
                merged[field.name] = value
                continue
            }
            var outcome = await mergeLeaf(field, given, path: fieldPath, chosen: chosen)
            outcome.required = isRequired
            outcome.values = values
            if inputs.count == 1 { outcome.method = .single }
            merged[field.name] = outcome.value
            outcomes.append(outcome)
        }
        return .object(merged)
    }

    private func mergeLeaf(_ field: SchemaField, _ given: [Input], path: String, chosen: Int?) async -> FieldOutcome {
        if let chosen, let pick = given.first(where: { $0.worker == chosen }) {
            let key = Self.key(pick.object)
            let dissent = given.filter { Self.key($0.object) != key }.map(\.worker)
            return FieldOutcome(
                path: path, value: pick.object, method: .judged, agreeing: given.count - dissent.count, of: given.count,
                dissenters: dissent, note: "the judge picked worker \(chosen + 1)'s answer")
        }
        switch field.type {
        case .integer, .number:
            return field.measurement ? median(field, given, path: path) : vote(given, path: path, method: .vote)
        case .array(let element):
            return element.isScalar ? setwise(given, path: path) : vote(given, path: path, method: .whole)
        case .string where given.contains(where: { !Agreement.isShort($0.object.stringValue ?? "") }):
            return await long(given, path: path)
        default:
            return vote(given, path: path, method: .vote)
        }
    }

    // MARK: - Exact vote

    /// The key two values are compared by: strings normalised as the vote normalises final
    /// answers, numbers in canonical form, anything else as compact JSON.
    static func key(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return "s:" + AnswerExtraction.normalise(s)
        case .number(let n): return "n:" + FieldOutcome.number(n)
        case .array(let items): return "[" + items.map(key).joined(separator: ",") + "]"
        case .object(let members): return "{" + members.keys.sorted().map { "\($0)=\(key(members[$0]!))" }.joined(separator: ",") + "}"
        default: return value.description
        }
    }

    func vote(_ given: [Input], path: String, method: FieldMethod) -> FieldOutcome {
        var order: [String] = []
        var groups: [String: [Input]] = [:]
        for input in given {
            let k = Self.key(input.object)
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(input)
        }
        // Largest group first; equal sizes by their first worker (the order the answers came in).
        let ranked = order.sorted { a, b in
            groups[a]!.count != groups[b]!.count ? groups[a]!.count > groups[b]!.count : groups[a]![0].worker < groups[b]![0].worker
        }
        let top = groups[ranked[0]]!
        let tied = ranked.filter { groups[$0]!.count == top.count }
        let note = tied.count > 1
            ? "tie: " + tied.map { "\(groups[$0]![0].object) (\(Worker.names(groups[$0]!.map(\.worker))))" }.joined(separator: " vs ")
                + "; took the first"
            : nil
        let agreeing = Set(top.map(\.worker))
        return FieldOutcome(
            path: path, value: top[0].object, method: method, agreeing: top.count, of: given.count,
            dissenters: given.map(\.worker).filter { !agreeing.contains($0) }, note: note)
    }

    // MARK: - Measurements

    func median(_ field: SchemaField, _ given: [Input], path: String) -> FieldOutcome {
        let numbers = given.compactMap { $0.object.numberValue }.sorted()
        let n = numbers.count
        var middle = n % 2 == 1 ? numbers[n / 2] : (numbers[n / 2 - 1] + numbers[n / 2]) / 2
        // An integer field keeps an integer: the lower of the two middle values.
        if case .integer = field.type, middle.rounded() != middle { middle = numbers[n / 2 - 1] }
        let tolerance = middle == 0 ? 1e-9 : abs(middle) * Self.measurementTolerance
        let dissent = given.filter { abs(($0.object.numberValue ?? middle) - middle) > tolerance }.map(\.worker)
        return FieldOutcome(
            path: path, value: .number(middle), method: .median, agreeing: n - dissent.count, of: n,
            spread: (numbers.last ?? 0) - (numbers.first ?? 0), dissenters: dissent)
    }

    // MARK: - Arrays

    func setwise(_ given: [Input], path: String) -> FieldOutcome {
        var order: [String] = []
        var first: [String: JSONValue] = [:]
        var holders: [String: Set<Int>] = [:]
        for input in given {
            for item in input.object.arrayValue ?? [] {
                let k = Self.key(item)
                if first[k] == nil {
                    order.append(k)
                    first[k] = item
                }
                holders[k, default: []].insert(input.worker)
            }
        }
        let kept = order.filter { holders[$0]!.count * 2 > given.count }
        let keptSet = Set(kept)
        let dissent = given.filter { Set(($0.object.arrayValue ?? []).map(Self.key)) != keptSet }.map(\.worker)
        return FieldOutcome(
            path: path, value: .array(kept.map { first[$0]! }), method: .set, agreeing: given.count - dissent.count, of: given.count,
            dissenters: dissent)
    }

    // MARK: - Long strings

    func long(_ given: [Input], path: String) async -> FieldOutcome {
        let answers = given.map { Answer(worker: $0.worker, label: "\($0.worker + 1)", text: $0.object.stringValue ?? "") }
        let tally = Agreement.overlapTally(answers)
        let top = tally.groups[0]
        let dissent = given.map(\.worker).filter { !top.workers.contains($0) }
        let byOverlap = FieldOutcome(
            path: path, value: .string(answers.first { $0.worker == top.workers[0] }!.text), method: .overlap,
            agreeing: top.count, of: given.count, dissenters: dissent)
        switch strategy {
        case .concatenate:
            var outcome = byOverlap
            outcome.method = .concatenated
            outcome.value = .string(answers.map { "worker \($0.worker + 1): \($0.text)" }.joined(separator: "\n\n"))
            return outcome
        case .synthesize, .auto:
            if strategy == .auto, tally.strictMajority != nil { return byOverlap }
            guard let synthesizeLong, given.count > 1 else { return byOverlap }
            do {
                var outcome = byOverlap
                outcome.value = .string(try await synthesizeLong(path, answers))
                outcome.method = .synthesized
                return outcome
            } catch {
                var outcome = byOverlap
                outcome.note = "the aggregator model failed (\(error.oneLineDescription)); took the largest group's answer"
                return outcome
            }
        case .vote, .judge:
            return byOverlap
        }
    }
}

extension SchemaType {
    /// A value compared as one (not a list or an object).
    var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }
}
