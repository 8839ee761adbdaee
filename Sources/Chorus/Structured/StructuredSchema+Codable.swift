/// The schema in the run record (`WorkerSpec.schema`): written as the JSON Schema it stands for
/// (`jsonSchema`), plus `x-chorus-measurement: true` on measurement fields, so a saved record
/// shows the schema in the form people know and a reopened run reads it back with the same
/// reader (`StructuredSchema(jsonSchema:)`).
extension StructuredSchema: Codable {
    enum CodingKeys: String, CodingKey { case name, schema }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let json = try c.decode(JSONValue.self, forKey: .schema)
        do {
            self = try StructuredSchema(jsonSchema: json)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .schema, in: c, debugDescription: "\(error)")
        }
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? "answer"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(jsonSchema(marks: true), forKey: .schema)
    }
}
