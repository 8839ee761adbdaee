import ArgumentParser
import Chorus

/// How to read a batch's input: the flags `chorus batch` and `chorus batch merge --input` share,
/// so both read the same items (and so the same ids) from the same file.
public struct BatchInputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Input format when the extension does not say (or for standard input): jsonl or csv.", valueName: "jsonl|csv"))
    public var format: String?

    @Option(name: .customLong("id-field"), help: ArgumentHelp("The field (JSONL) or column (CSV) holding each item's id (default id).", valueName: "name"))
    public var idField: String = "id"

    public init() {}

    /// The items of `input` (a path, a folder, or `-`), read with these options.
    func read(_ input: String, stdin: TextInput, paths: ChorusPaths) throws(ChorusError) -> [BatchItem] {
        try BatchInputReader.read(input, format: try BatchInputReader.Format.flag(format), idField: idField, stdin: stdin, paths: paths)
    }
}
