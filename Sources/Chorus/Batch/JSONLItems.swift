import Foundation

/// Batch items from JSON Lines: one JSON object per line, its keys the fields.
///
/// A line that cannot be read does not stop the batch: it becomes an item with a `problem` (and
/// the id `line-N`), reported as failed next to the items that ran.
public enum JSONLItems {
    /// The items of `text`, in file order. LF and CRLF line ends; blank lines and a leading BOM
    /// are skipped. `idField` names the field that holds each item's id (a string or a whole
    /// number); items without it get an id made from the line's content (see `GeneratedIDs`).
    public static func parse(_ text: String, idField: String = "id") -> [BatchItem] {
        let bytes = InputText.bytesWithoutBOM(text)
        var items: [BatchItem] = []
        var generated = GeneratedIDs()
        var lineStart = 0
        var lineNumber = 0
        while lineStart < bytes.count {
            lineNumber += 1
            let lineEnd = bytes[lineStart...].firstIndex(of: InputText.lineFeed) ?? bytes.count
            let content = InputText.trimmed(bytes, lineStart..<lineEnd)
            lineStart = lineEnd + 1
            if content.isEmpty { continue }
            items.append(item(bytes[content], line: lineNumber, idField: idField, generated: &generated))
        }
        return items
    }

    private static func item(
        _ content: ArraySlice<UInt8>, line: Int, idField: String, generated: inout GeneratedIDs
    ) -> BatchItem {
        let object: [String: Any]
        switch jsonObject(content) {
        case .success(let value): object = value
        case .failure(let failure):
            return .unreadable(
                line: line, problem: "line \(line): not a JSON object (\(failure.reason)); fix the line or remove it")
        }
        let fields = object.mapValues(JSONFieldText.text)
        guard let rawID = object[idField] else {
            let id = generated.next(forContent: String(decoding: content, as: UTF8.self))
            return BatchItem(id: id, idSource: .generated, fields: fields, location: "line \(line)", line: line)
        }
        guard let id = wholeNumberOrText(rawID) else {
            let name = idField == "id" ? "the id" : "the id (field \"\(idField)\")"
            let problem =
                "line \(line): \(name) must be a non-empty string or a whole number; found \(JSONFieldText.shortJSON(rawID))"
            var unreadable = BatchItem.unreadable(line: line, problem: problem)
            unreadable.fields = fields
            return unreadable
        }
        return BatchItem(id: id, idSource: .field, fields: fields, location: "line \(line)", line: line)
    }

    /// The id a JSON value stands for, or nil for a value that cannot be an id: an empty or
    /// blank string, a bool, a fraction (2.5, also 3.0: written as a float, it likely is one),
    /// null, an object or an array.
    private static func wholeNumberOrText(_ value: Any) -> String? {
        switch value {
        case let string as String:
            return string.allSatisfy(\.isWhitespace) ? nil : string
        case let number as NSNumber:
            return JSONFieldText.isBool(number) || JSONFieldText.isDouble(number) ? nil : number.stringValue
        default:
            return nil
        }
    }

    private struct NotAnObject: Error {
        var reason: String
    }

    /// The line as a JSON object, or a short reason it is not one ("found an array", or the
    /// parser's own words with the character it stopped at).
    private static func jsonObject(_ content: ArraySlice<UInt8>) -> Result<[String: Any], NotAnObject> {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(content), options: [.fragmentsAllowed])
        } catch {
            return .failure(NotAnObject(reason: "invalid JSON: " + parserReason(error)))
        }
        switch value {
        case let object as [String: Any]: return .success(object)
        case is [Any]: return .failure(NotAnObject(reason: "found an array"))
        case is String: return .failure(NotAnObject(reason: "found a string"))
        case is NSNull: return .failure(NotAnObject(reason: "found null"))
        case let number as NSNumber where JSONFieldText.isBool(number):
            return .failure(NotAnObject(reason: "found \(number.boolValue)"))
        default: return .failure(NotAnObject(reason: "found a number"))
        }
    }

    /// The parser's explanation ("Unexpected end of file during JSON parse") without its final
    /// period, since it goes in the middle of a sentence.
    private static func parserReason(_ error: any Error) -> String {
        let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        var reason = detail.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.hasSuffix(".") { reason.removeLast() }
        guard let first = reason.first else { return "unreadable" }
        return first.lowercased() + reason.dropFirst()
    }
}
