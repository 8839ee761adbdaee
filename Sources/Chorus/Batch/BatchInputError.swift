/// Input to `chorus batch` that cannot be used as it is: a broken CSV header, a template with
/// no placeholder, a bad `--shard` value, a placeholder that some items cannot fill.
///
/// It stops the batch before any model is called, so the message is one line that names both
/// the problem and the fix: the person reading it has nothing else to go on. A problem with a
/// single item is not an error; it is `BatchItem.problem`, and the rest of the batch goes on.
public struct BatchInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
