import Chorus
import Foundation

/// Everything Chorus knows about one API dialect, in one place: where its base URL puts the
/// API version, where chat requests go, what they carry (body, authentication and version
/// headers) and how the answer is decoded. `HTTPChatModel` does the rest (sending, retrying,
/// reading the stream, turning failures into `ProviderError`s) the same way for every wire.
///
/// So a new dialect is one conforming type plus its `StreamDecoder`, and what this layer will
/// learn per wire (reasoning chunks, stop reasons, parameters a server refuses, per-wire
/// options) has one home instead of a switch on `ProviderKind` in every file.
///
/// A value holds the wire's options, read from `ProviderSettings` once, when the model is made.
protocol WireFormat: Sendable {
    associatedtype Decoder: StreamDecoder

    /// The settings' name for this wire (`ProviderKind.wire` maps it back).
    static var kind: ProviderKind { get }
    /// How messages name the API, e.g. "OpenAI-compatible".
    static var apiName: String { get }
    /// A base URL that works, shown in the fix for one that does not.
    static var exampleBaseURL: String { get }
    /// The path of a base URL as requests use it, from the user's path (no trailing slash):
    /// each wire has its own convention for whether the base names the API version.
    static func versionedPath(_ path: String) -> String
    /// Where chat requests go, after the versioned base.
    static var chatPath: String { get }

    init(settings: ProviderSettings)
    /// The JSON body of a streaming request, going without (or replacing) what `adjustments`
    /// lists.
    func requestBody(for request: ChatRequest, adjustments: RequestAdjustments) throws -> Data
    /// What the first request already goes without, and why (known model quirks, parameters
    /// that cannot go together): see `ModelQuirks`.
    func plannedAdjustments(for request: ChatRequest) -> RequestAdjustments
    /// The parameters this request carries (with `adjustments` applied) that a server may
    /// refuse and the request can go without (see `ParameterRefusal`).
    func refusableParameters(for request: ChatRequest, adjustments: RequestAdjustments) -> [RefusableParameter]
    /// Authentication and version headers; the user's `extraHeaders` may replace them.
    var headers: [(String, String)] { get }
    /// A fresh decoder for one response to `request` (Anthropic reads a schema'd answer from
    /// the tool it forced).
    func makeDecoder(_ context: ErrorContext, for request: ChatRequest) -> Decoder
}

extension WireFormat {
    /// The body of the first request: with the planned adjustments.
    func requestBody(for request: ChatRequest) throws -> Data {
        try requestBody(for: request, adjustments: plannedAdjustments(for: request))
    }
}

extension ProviderKind {
    /// The wire format of this kind: the one place a kind is mapped to code.
    var wire: any WireFormat.Type {
        switch self {
        case .openai: OpenAIWire.self
        case .anthropic: AnthropicWire.self
        }
    }
}
