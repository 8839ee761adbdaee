import NIOHTTPCompression

extension ErrorContext {
    /// A body compressed with a coding Chorus cannot decode (`ContentEncoding`).
    func undecodableEncoding(_ coding: String) -> ProviderError {
        error(
            .malformedResponse, status: 200,
            summary: "the answer is compressed with Content-Encoding: \(coding), which Chorus cannot decode",
            fix: "make the server or the proxy in front of it send gzip, deflate or no compression"
                + " (Chorus asks for Accept-Encoding: identity)"
        )
    }

    /// A gzip or deflate body that AsyncHTTPClient could not decompress, or nil when `error`
    /// is not a decompression error.
    func decompressionFailed(_ error: any Error) -> ProviderError? {
        let detail: String
        switch error {
        case let failure as NIOHTTPDecompression.DecompressionError:
            switch failure {
            case .limit:
                detail = "it expands more than \(ProviderHTTPClient.decompressionRatio) times (a decompression bomb?)"
            case .inflationError(let code):
                detail = "zlib error \(code): the bytes are not valid gzip or deflate"
            case .initializationError(let code):
                detail = "zlib could not start (error \(code))"
            }
        case let failure as NIOHTTPDecompression.ExtraDecompressionError:
            detail = failure == .truncatedData ? "the compressed body ended early" : "bytes follow the compressed body"
        default:
            return nil
        }
        return self.error(
            .malformedResponse, status: 200, summary: "the compressed answer cannot be decompressed", detail: detail,
            fix: "check the Content-Encoding the server or proxy sends, or turn its compression off"
        )
    }
}
