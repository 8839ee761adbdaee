import Testing

@testable import ChorusProviders

/// The first-bytes rules that decide how a body is read, and which encodings are decodable,
/// and the base URL pasted with its endpoint; each without a server.
@Suite struct BodyShapeTests {
    func shape(_ text: String) -> BodyShape? { BodyShape.sniff(Array(text.utf8)) }

    @Test func jsonStreamsAndOthersAreToldApart() {
        #expect(shape(#"{"error":{}}"#) == .json)
        #expect(shape("[1]") == .json)
        #expect(shape("\u{FEFF} \r\n\t{") == .json)
        #expect(shape("data: {}") == .eventStream)
        #expect(shape("data:{}") == .eventStream)
        #expect(shape("event: message_start") == .eventStream)
        #expect(shape(": keep-alive") == .eventStream)
        #expect(shape("id: 1") == .eventStream)
        #expect(shape("retry: 100") == .eventStream)
        #expect(shape("\n\ndata: x") == .eventStream)
        #expect(shape("<html>") == .other)
        #expect(shape("Internal Server Error") == .other)
        #expect(shape("dat x") == .other)
    }

    @Test func tooLittleToTellIsUndecided() {
        #expect(shape("") == nil)
        #expect(shape(" \r\n") == nil)
        #expect(shape("\u{FEFF}") == nil)
        #expect(shape("da") == nil)
        #expect(shape("even") == nil)
        #expect(shape("data") == nil)
    }

    @Test func onlyOneGzipOrDeflateIsDecodable() {
        #expect(ContentEncoding.undecodable([]) == nil)
        #expect(ContentEncoding.undecodable(["gzip"]) == nil)
        #expect(ContentEncoding.undecodable(["Deflate"]) == nil)
        #expect(ContentEncoding.undecodable(["identity"]) == nil)
        #expect(ContentEncoding.undecodable(["br"]) == "br")
        #expect(ContentEncoding.undecodable(["x-gzip"]) == "x-gzip")
        #expect(ContentEncoding.undecodable(["gzip", "br"]) == "gzip, br")
        #expect(ContentEncoding.undecodable(["deflate", "gzip"]) == "deflate, gzip")
    }

    @Test(arguments: [
        ("http://127.0.0.1:8080/v1/chat/completions", "http://127.0.0.1:8080/v1", "/v1/chat/completions"),
        ("http://127.0.0.1:8080/v1/chat/completions/", "http://127.0.0.1:8080/v1", "/v1/chat/completions"),
        ("https://api.anthropic.com/v1/messages", "https://api.anthropic.com/v1", "/v1/messages"),
        ("http://host:4000/chat/completions", "http://host:4000", "/chat/completions"),
        ("https://x.openai.azure.com/openai/v1/chat/completions?api-version=1", "https://x.openai.azure.com/openai/v1?api-version=1", "/v1/chat/completions"),
    ])
    func aPastedEndpointIsTrimmed(url: String, base: String, endpoint: String) throws {
        let trimmed = try #require(PastedEndpoint.trim(url))
        #expect(trimmed.base == base)
        #expect(trimmed.endpoint == endpoint)
        #expect(!trimmed.shown.contains("?"))
    }

    @Test func baseURLsWithoutAnEndpointAreLeftAlone() {
        for url in ["http://127.0.0.1:8080/v1", "https://api.anthropic.com", "http://host/api/v1/", "http://host/v1/completions-proxy"] {
            #expect(PastedEndpoint.trim(url) == nil, "\(url)")
        }
    }

    @Test func theShownBaseHasNoCredentials() throws {
        let trimmed = try #require(PastedEndpoint.trim("http://user:secret@host/v1/chat/completions"))
        #expect(trimmed.base == "http://user:secret@host/v1")
        #expect(trimmed.shown == "http://host/v1")
    }

    @Test func theEndpointResolvesAPastedEndpointToo() throws {
        let openai = try ProviderEndpoint.resolve(kind: .openai, baseURL: "http://h:1/v1/chat/completions")
        #expect(openai.requestURL(openai.chatPath) == "http://h:1/v1/chat/completions")
        let bare = try ProviderEndpoint.resolve(kind: .openai, baseURL: "http://h:1/chat/completions")
        #expect(bare.requestURL(bare.chatPath) == "http://h:1/v1/chat/completions")
        let anthropic = try ProviderEndpoint.resolve(kind: .anthropic, baseURL: "http://h:1/v1/messages")
        #expect(anthropic.requestURL(anthropic.chatPath) == "http://h:1/v1/messages")
    }
}
