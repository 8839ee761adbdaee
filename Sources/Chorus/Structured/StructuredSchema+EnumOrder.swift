/// How the members of a schema's enums are ordered for each worker (`--enum-order`).
///
/// Why: a small model held to an enum by a grammar picks by position. SmolLM2-135M on
/// llama-cpp-python answered the first member for every review whatever it said: `positive`
/// with `positive|negative|neutral`, `negative` with `negative|neutral|positive`, `neutral` with
/// `neutral|positive|negative` (5 of 5 reviews each, measured). With one order for every worker,
/// five workers make one correlated mistake and agree on it 5 of 5, so the vote and
/// `needs_review` measure nothing. Rotating the order per worker turns a position bias into
/// disagreement, which the per-field vote counts and the review flag catches; a model that
/// reads the text answers the same whatever the order.
public enum EnumOrder: String, Sendable, Hashable, CaseIterable, Codable {
    /// Worker i sees each enum rotated left by i (worker 1 sees the order as written).
    case rotate
    /// Every worker sees the order as written.
    case fixed
}

extension StructuredSchema {
    /// The same schema with every enum's members rotated left by `steps` (modulo their count),
    /// in nested objects and array items too. Validation and the vote read members as a set,
    /// so only what the model is shown (the JSON Schema and the prompt) changes.
    public func rotatingEnumerations(by steps: Int) -> StructuredSchema {
        var copy = self
        copy.fields = fields.map { $0.rotatingEnumerations(by: steps) }
        return copy
    }
}

extension SchemaField {
    func rotatingEnumerations(by steps: Int) -> SchemaField {
        var copy = self
        copy.type = type.rotatingEnumerations(by: steps)
        return copy
    }
}

extension SchemaType {
    func rotatingEnumerations(by steps: Int) -> SchemaType {
        switch self {
        case .enumeration(let members) where !members.isEmpty:
            let k = ((steps % members.count) + members.count) % members.count
            return .enumeration(Array(members[k...] + members[..<k]))
        case .array(let item): return .array(item.rotatingEnumerations(by: steps))
        case .object(let fields): return .object(fields.map { $0.rotatingEnumerations(by: steps) })
        default: return self
        }
    }
}
