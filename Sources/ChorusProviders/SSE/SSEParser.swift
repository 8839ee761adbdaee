/// Turns the bytes of a `text/event-stream` body into events, however the network cut them.
///
/// A pure state machine, no I/O: feed it each body chunk as it arrives with `parse(_:)`, and
/// call `finish()` once the body ended. It follows the WHATWG rules
/// ("Interpreting an event stream"):
///
/// - lines end with LF, CRLF or a lone CR; a CRLF split across two chunks is one line end;
/// - a line starting with `:` is a comment (servers send `: keep-alive`), ignored;
/// - `data:` lines accumulate, joined with "\n"; `event:` sets the type; `id:` sets the last
///   event ID (kept across events); `retry:` with only digits sets `reconnectionTime`;
///   unknown fields are ignored; one space after the colon is dropped;
/// - an empty line dispatches the event, unless it had no `data` line;
/// - one UTF-8 byte order mark is skipped at the very start of the stream, nowhere else;
/// - bytes are decoded as UTF-8 one complete event at a time, so a character split across
///   network chunks arrives whole, and invalid bytes become U+FFFD instead of failing.
///
/// One deliberate difference from the standard: `finish()` dispatches a last event that lacks
/// its closing blank line. The standard discards it, but some servers close the stream right
/// after their final `data:` line, and dropping it would lose the end of an answer.
public struct SSEParser: Sendable {
    /// Where we are in recognising a byte order mark at the start of the stream.
    private enum BOMState: Sendable {
        /// Still at the start: `matched` bytes of EF BB BF seen (and held back) so far.
        case checking(matched: Int)
        /// Past the start: no BOM is skipped any more.
        case done
    }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D
    private static let colon: UInt8 = 0x3A
    private static let space: UInt8 = 0x20

    private var bom: BOMState = .checking(matched: 0)
    /// Bytes of the line being read, not yet ended.
    private var line: [UInt8] = []
    /// The previous byte was a CR, so an LF right after it belongs to the same line end.
    private var skipLineFeed = false
    /// The standard's "data buffer": every `data:` value followed by "\n", as bytes; decoded
    /// once, when the event is dispatched.
    private var dataBuffer: [UInt8] = []
    /// The standard's "event type buffer".
    private var eventType = ""
    /// The standard's "last event ID buffer".
    private var lastEventID: String?

    /// The reconnection time in milliseconds from the last valid `retry:` field, if any.
    /// Chorus does not reconnect (a half-streamed answer cannot be resumed), but it is kept so
    /// the parser is complete and testable.
    public private(set) var reconnectionTime: Int?

    public init() {}

    /// Consumes the next chunk of the body and returns the events it completed, in order.
    public mutating func parse(_ bytes: some Sequence<UInt8>) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        let contiguous: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            parseLines(buffer, into: &events)
        }
        if contiguous == nil {
            for byte in bytes {
                consume(byte, into: &events)
            }
        }
        return events
    }

    /// The same as feeding `consume` byte by byte, a line at a time: a complete line is read
    /// where it lies in the network buffer, and only a line the buffer cuts off is copied
    /// (issue 16: the byte-by-byte loop was a visible part of each chunk's cost).
    private mutating func parseLines(_ buffer: UnsafeBufferPointer<UInt8>, into events: inout [ServerSentEvent]) {
        var i = 0
        let n = buffer.count
        while i < n {
            if case .checking = bom {
                consume(buffer[i], into: &events)
                i += 1
                continue
            }
            if skipLineFeed {
                consume(buffer[i], into: &events)
                i += 1
                continue
            }
            var end = i
            while end < n, buffer[end] != Self.lineFeed, buffer[end] != Self.carriageReturn { end += 1 }
            if end == n {
                line.append(contentsOf: buffer[i..<n])
                return
            }
            if line.isEmpty {
                processLine(UnsafeBufferPointer(rebasing: buffer[i..<end]), into: &events)
            } else {
                line.append(contentsOf: buffer[i..<end])
                processLine(into: &events)
            }
            skipLineFeed = buffer[end] == Self.carriageReturn
            i = end + 1
        }
    }

    /// Ends the stream: a last line without its line end is processed, and a last event
    /// without its blank line is dispatched (see the type's note). The parser is then reset.
    public mutating func finish() -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        if case .checking(let matched) = bom {
            line.append(contentsOf: Self.byteOrderMark[..<matched])
        }
        if !line.isEmpty {
            processLine(into: &events)
        }
        dispatch(into: &events)
        self = SSEParser()
        return events
    }

    private mutating func consume(_ byte: UInt8, into events: inout [ServerSentEvent]) {
        if case .checking(let matched) = bom {
            if byte == Self.byteOrderMark[matched] {
                bom = matched + 1 == Self.byteOrderMark.count ? .done : .checking(matched: matched + 1)
                return
            }
            // Not a BOM after all: the held bytes are ordinary content (none is CR or LF).
            bom = .done
            line.append(contentsOf: Self.byteOrderMark[..<matched])
        }
        if skipLineFeed {
            skipLineFeed = false
            if byte == Self.lineFeed { return }
        }
        switch byte {
        case Self.lineFeed:
            processLine(into: &events)
        case Self.carriageReturn:
            processLine(into: &events)
            skipLineFeed = true
        default:
            line.append(byte)
        }
    }

    /// Interprets the complete line in `line`, then clears it.
    private mutating func processLine(into events: inout [ServerSentEvent]) {
        // Swapped out rather than copied, so the line's storage is reused for the next one.
        var complete: [UInt8] = []
        swap(&complete, &line)
        processLine(complete, into: &events)
        complete.removeAll(keepingCapacity: true)
        line = complete
    }

    /// Interprets one complete line (without its line end).
    private mutating func processLine<Line: RandomAccessCollection<UInt8>>(_ line: Line, into events: inout [ServerSentEvent]) {
        guard let first = line.first else {
            dispatch(into: &events)
            return
        }
        if first == Self.colon { return }  // a comment, e.g. a keep-alive

        let field: Line.SubSequence
        var value: Line.SubSequence
        if let colonIndex = line.firstIndex(of: Self.colon) {
            field = line[..<colonIndex]
            value = line[line.index(after: colonIndex)...]
            if value.first == Self.space { value = value.dropFirst() }
        } else {
            field = line[...]
            value = line[line.endIndex...]
        }
        process(field: field, value: value)
    }

    private mutating func process<Bytes: Collection<UInt8>>(field: Bytes, value: Bytes) {
        if field.elementsEqual("data".utf8) {
            dataBuffer.append(contentsOf: value)
            dataBuffer.append(Self.lineFeed)
        } else if field.elementsEqual("event".utf8) {
            eventType = String(decoding: value, as: UTF8.self)
        } else if field.elementsEqual("id".utf8) {
            if !value.contains(0) {
                lastEventID = String(decoding: value, as: UTF8.self)
            }
        } else if field.elementsEqual("retry".utf8) {
            let isDigits = !value.isEmpty && value.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            if isDigits, let milliseconds = Int(String(decoding: value, as: UTF8.self)) {
                reconnectionTime = milliseconds
            }
        }
        // Any other field is ignored, as the standard says.
    }

    /// The blank-line step: hands out the pending event if it had data, and resets the buffers.
    private mutating func dispatch(into events: inout [ServerSentEvent]) {
        defer { eventType = "" }
        guard !dataBuffer.isEmpty else { return }
        // Without the "\n" after the last data line. Decoded as one piece, which gives the same
        // text as decoding each line (a cut character becomes U+FFFD either way).
        let data = String(decoding: dataBuffer.dropLast(), as: UTF8.self)
        events.append(ServerSentEvent(type: eventType.isEmpty ? "message" : eventType, data: data, id: lastEventID))
        dataBuffer.removeAll(keepingCapacity: true)
    }
}
