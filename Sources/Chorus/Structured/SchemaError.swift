/// A schema that cannot be used, in one line naming where and the fix:
/// `--schema: at 'confidence flaot' (field 2): unknown type flaot; use str, int, float, bool or a|b|c`.
public struct SchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
