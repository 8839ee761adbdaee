import Chorus

extension BatchInputTests {
    /// An item with only the given fields, for template tests that do not care where it came from.
    static func batchItem(_ id: String, line: Int = 1, problem: String? = nil, _ fields: [String: String]) -> BatchItem {
        BatchItem(id: id, idSource: .field, fields: fields, location: "line \(line)", line: line, problem: problem)
    }

    /// The `message` of the `BatchInputError` that `body` throws, or nil if it throws none.
    /// (Untyped `throws`: a closure literal's typed throws is not inferred, and any other error
    /// shows up in the comparison as text that matches no expected message.)
    static func batchInputErrorMessage<T>(_ body: () throws -> T) -> String? {
        do {
            _ = try body()
            return nil
        } catch let error as BatchInputError {
            return error.message
        } catch {
            return "not a BatchInputError: \(error)"
        }
    }
}
