/// Text forms of a frame, for snapshot tests and for reading a frame in a failure message.
extension CellGrid {
    /// The characters, one line per row, each ending in "|" so trailing spaces stay visible.
    /// A wide character's right half adds nothing (the character itself is two columns wide).
    public var plainText: String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation { line.append(self[x, y].character) }
            lines.append(line + "|")
        }
        return lines.joined(separator: "\n")
    }

    /// One letter per cell naming its style role (`StyleRole.snapshotLetter`), so a test sees
    /// colour changes without a terminal.
    public var styleMap: String {
        (0..<height).map { y in String((0..<width).map { self[$0, y].role.snapshotLetter }) + "|" }
            .joined(separator: "\n")
    }

    /// The snapshot file's text: size, characters, style map, and the legend of letters used.
    public var snapshot: String {
        let used = Set(cells.map(\.role))
        let legend = StyleRole.allCases.filter { used.contains($0) }
            .map { "\($0.snapshotLetter) \($0.rawValue)" }.joined(separator: "\n")
        return "size \(width)x\(height)\n--- text\n\(plainText)\n--- style\n\(styleMap)\n--- legend\n\(legend)\n"
    }
}
