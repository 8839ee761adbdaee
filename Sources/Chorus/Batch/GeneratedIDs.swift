/// Ids for items that bring none: `h` + the first 12 hex digits of the content's hash, with
/// `-2`, `-3`, … for the second and third item with the same content (in input order).
///
/// Made from the content rather than the position, so inserting a line does not rename every
/// item after it, and a resumed batch still recognizes the items it already did. The suffix
/// keeps repeated content (a line that occurs twice) from sharing one id.
struct GeneratedIDs {
    private var seen: [String: Int] = [:]

    mutating func next(forContent content: String) -> String {
        let base = "h" + StableHash.hex(content).prefix(12)
        let count = (seen[base] ?? 0) + 1
        seen[base] = count
        return count == 1 ? base : "\(base)-\(count)"
    }
}
