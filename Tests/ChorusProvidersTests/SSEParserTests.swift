import Testing

@testable import ChorusProviders

/// The event-stream rules (WHATWG "Interpreting an event stream"), one behaviour per test,
/// then the property that matters on a network: however the bytes are cut, the events are
/// the same.
@Suite struct SSEParserTests {
    private func events(_ text: String) -> [ServerSentEvent] {
        events(Array(text.utf8))
    }

    private func events(_ bytes: [UInt8]) -> [ServerSentEvent] {
        var parser = SSEParser()
        return parser.parse(bytes) + parser.finish()
    }

    @Test func multiLineDataIsJoinedWithNewlines() {
        #expect(events("data: YHOO\ndata: +2\ndata: 10\n\n") == [ServerSentEvent(data: "YHOO\n+2\n10")])
    }

    @Test func commentsAreIgnored() {
        #expect(events(": keep-alive\n\n: another\ndata: x\n\n") == [ServerSentEvent(data: "x")])
    }

    @Test func eventTypeAppliesToOneEventOnly() {
        let parsed = events("event: content_block_delta\ndata: a\n\ndata: b\n\n")
        #expect(parsed == [ServerSentEvent(type: "content_block_delta", data: "a"), ServerSentEvent(data: "b")])
    }

    @Test func lastEventIDPersistsAndNullIDIsIgnored() {
        let parsed = events("id: 1\ndata: a\n\ndata: b\n\nid: 2\u{0}x\ndata: c\n\nid\ndata: d\n\n")
        #expect(parsed.map(\.id) == ["1", "1", "1", ""])
    }

    @Test func retryWithDigitsOnlySetsTheReconnectionTime() {
        var parser = SSEParser()
        _ = parser.parse(Array("retry: 1500\n\nretry: 15x\n\nretry:\n\n".utf8))
        #expect(parser.reconnectionTime == 1500)
    }

    @Test func fieldWithoutColonAndSpaceHandling() {
        // "data" alone is an empty data line; only one leading space is dropped.
        #expect(events("data\n\n") == [ServerSentEvent(data: "")])
        #expect(events("data:  two spaces\n\n") == [ServerSentEvent(data: " two spaces")])
        #expect(events("data:nospace\n\n") == [ServerSentEvent(data: "nospace")])
        #expect(events("data: a: b\n\n") == [ServerSentEvent(data: "a: b")])
    }

    @Test func blankLineWithoutDataDispatchesNothingAndResetsTheType() {
        #expect(events("event: ping\n\ndata: x\n\n") == [ServerSentEvent(data: "x")])
        #expect(events("unknown: field\n\n").isEmpty)
    }

    @Test func allThreeLineEndings() {
        let expected = [ServerSentEvent(type: "t", data: "a\nb"), ServerSentEvent(data: "c")]
        #expect(events("event: t\rdata: a\rdata: b\r\rdata: c\r\r") == expected)
        #expect(events("event: t\r\ndata: a\r\ndata: b\r\n\r\ndata: c\r\n\r\n") == expected)
        #expect(events("event: t\ndata: a\r\ndata: b\r\rdata: c\n\n") == expected)
    }

    @Test func byteOrderMarkIsSkippedOnlyAtTheStart() {
        #expect(events("\u{FEFF}data: a\n\n") == [ServerSentEvent(data: "a")])
        // A second BOM makes the field name "\u{FEFF}data", an unknown field.
        #expect(events("\u{FEFF}data: a\n\n\u{FEFF}data: b\n\n") == [ServerSentEvent(data: "a")])
        // A BOM inside a value is content.
        #expect(events("data: \u{FEFF}x\n\n") == [ServerSentEvent(data: "\u{FEFF}x")])
        // A partial BOM at the start is content, not lost.
        #expect(events([0xEF, 0xBB, 0x0A, 0x0A]).isEmpty)
        #expect(events([0xEF, 0x64, 0x61]) == [])
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        let bytes: [UInt8] = Array("data: a".utf8) + [0xFF, 0xE4] + Array("b\n\n".utf8)
        #expect(events(bytes) == [ServerSentEvent(data: "a\u{FFFD}\u{FFFD}b")])
    }

    @Test func finalEventWithoutBlankLineIsFlushed() {
        #expect(events("data: a\n\ndata: last") == [ServerSentEvent(data: "a"), ServerSentEvent(data: "last")])
        #expect(events("data: last\n") == [ServerSentEvent(data: "last")])
        #expect(events("data: last\r") == [ServerSentEvent(data: "last")])
    }

    @Test func parserIsReusableAfterFinish() {
        var parser = SSEParser()
        _ = parser.parse(Array("event: x\ndata: a".utf8))
        _ = parser.finish()
        #expect(parser.parse(Array("data: b\n\n".utf8)) == [ServerSentEvent(data: "b")])
    }

    /// Streams with every hazard: CR, LF, CRLF, a BOM, multi-byte UTF-8 (2, 3 and 4 bytes),
    /// comments, ids, a last event without its blank line.
    static let hazardousStreams: [[UInt8]] = [
        Array("\u{FEFF}data: héllo wörld\r\n\r\ndata: 你好\rdata: 世界\r\r: ping\n\nevent: e\nid: 7\ndata: 🎉🚀\n\n".utf8),
        Array("data: {\"choices\":[{\"delta\":{\"content\":\"Grüße ✓\"}}]}\r\n\r\ndata: [DONE]\r\n\r\n".utf8),
        Array("event: content_block_delta\r\ndata: {\"text\":\"naïve café 𝄞\"}\r\n\r\nevent: message_stop\ndata: {}".utf8),
        Array("\r\n\r\n\n\r:only comments\r\ndata\rdata:\r\n\r\nretry: 10\ndata: end".utf8),
        [0xEF, 0xBB, 0xBF, 0x0D] + Array("data: 𝄞\r\n\r".utf8) + [0x0A],
    ]

    @Test(arguments: hazardousStreams.indices)
    func everySingleSplitGivesTheSameEvents(_ index: Int) {
        let stream = Self.hazardousStreams[index]
        let whole = events(stream)
        #expect(!whole.isEmpty)
        for cut in 0...stream.count {
            var parser = SSEParser()
            let parsed = parser.parse(stream[..<cut]) + parser.parse(stream[cut...]) + parser.finish()
            #expect(parsed == whole, "cut at byte \(cut)")
        }
    }

    @Test(arguments: hazardousStreams.indices)
    func byteByByteAndTwoCutsGiveTheSameEvents(_ index: Int) {
        let stream = Self.hazardousStreams[index]
        let whole = events(stream)
        var byteParser = SSEParser()
        var byByte: [ServerSentEvent] = []
        for byte in stream { byByte += byteParser.parse([byte]) }
        #expect(byByte + byteParser.finish() == whole)

        for first in stride(from: 0, through: stream.count, by: 3) {
            for second in first...stream.count {
                var parser = SSEParser()
                let parsed =
                    parser.parse(stream[..<first]) + parser.parse(stream[first..<second])
                    + parser.parse(stream[second...]) + parser.finish()
                #expect(parsed == whole, "cuts at \(first) and \(second)")
            }
        }
    }

    @Test func theHazardousStreamsParseAsExpected() {
        #expect(
            events(Self.hazardousStreams[0]) == [
                ServerSentEvent(data: "héllo wörld"), ServerSentEvent(data: "你好\n世界"),
                ServerSentEvent(type: "e", data: "🎉🚀", id: "7"),
            ])
        #expect(events(Self.hazardousStreams[3]).map(\.data) == ["\n", "end"])
        #expect(events(Self.hazardousStreams[4]) == [ServerSentEvent(data: "𝄞")])
    }
}
