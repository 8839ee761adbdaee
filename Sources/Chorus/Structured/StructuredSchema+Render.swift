/// The merged object as text, for `chorus run --schema`'s standard output and the record's
/// `output`: pretty-printed JSON with the fields in the schema's order (a JSON object's own
/// order is lost in `JSONValue`).
extension StructuredSchema {
    public func render(_ object: JSONValue) -> String {
        Self.render(object, fields: fields, indent: "")
    }

    static func render(_ value: JSONValue, fields: [SchemaField]?, indent: String) -> String {
        let inner = indent + "  "
        switch value {
        case .object(let members):
            guard !members.isEmpty else { return "{}" }
            let named = fields?.map(\.name) ?? []
            let keys = named.filter { members[$0] != nil } + members.keys.filter { !named.contains($0) }.sorted()
            let lines = keys.map { key -> String in
                var sub: [SchemaField]?
                if let f = fields?.first(where: { $0.name == key }) { sub = f.type.objectFields }
                return "\(inner)\(JSONValue.string(key).description): \(render(members[key]!, fields: sub, indent: inner))"
            }
            return "{\n" + lines.joined(separator: ",\n") + "\n\(indent)}"
        case .array(let items):
            guard !items.isEmpty else { return "[]" }
            return "[\n" + items.map { "\(inner)\(render($0, fields: fields, indent: inner))" }.joined(separator: ",\n") + "\n\(indent)]"
        default:
            return value.description
        }
    }
}

extension SchemaType {
    /// The fields of an object type, or of an array's object elements; nil otherwise.
    var objectFields: [SchemaField]? {
        switch self {
        case .object(let fields): fields
        case .array(let element): element.objectFields
        default: nil
        }
    }
}
