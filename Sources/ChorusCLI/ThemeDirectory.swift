/// The themes the UI can use, for `chorus themes` and checking `--theme` before the UI starts.
public struct ThemeDirectory: Sendable {
    public struct Listing: Sendable, Equatable {
        public var name: String
        public var description: String
        public var source: String
        public init(name: String, description: String, source: String) {
            self.name = name
            self.description = description
            self.source = source
        }
    }

    public var list: @Sendable (_ environment: [String: String]) -> [Listing]
    /// nil when `nameOrPath` loads; otherwise one line naming the problem and the fix.
    public var check: @Sendable (_ nameOrPath: String, _ environment: [String: String]) -> String?

    public init(
        list: @escaping @Sendable ([String: String]) -> [Listing] = { _ in [] },
        check: @escaping @Sendable (String, [String: String]) -> String? = { _, _ in nil }
    ) {
        self.list = list
        self.check = check
    }
}
