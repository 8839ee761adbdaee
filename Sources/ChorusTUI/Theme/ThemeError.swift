/// A theme that cannot be used, said in one line: the file, the key and the problem.
public struct ThemeError: Error, CustomStringConvertible, Hashable, Sendable {
    /// The file (or "built-in NAME"), as the user would find it.
    public var file: String
    /// The dotted key at fault ("roles.border.fg"), or nil for a whole-file problem.
    public var key: String?
    public var problem: String

    public init(file: String, key: String? = nil, problem: String) {
        self.file = file
        self.key = key
        self.problem = problem
    }

    public var description: String {
        if let key { return "theme \(file): \(key): \(problem)" }
        return "theme \(file): \(problem)"
    }
}
