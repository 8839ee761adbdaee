/// Which `Content-Encoding` of a response Chorus can read.
///
/// AsyncHTTPClient decodes `gzip` and `deflate` itself (`ProviderHTTPClient` turns its
/// decompression on), because a proxy may compress a body even though Chorus asks for
/// `Accept-Encoding: identity`. It decodes only a single one of those two, exactly as named
/// (swift-nio-extras' `NIOHTTPDecompression.CompressionAlgorithm`); any other coding (`br`,
/// `zstd`, `compress`, or two codings stacked) would reach the decoder as unreadable bytes,
/// so it is named in the worker's error instead.
enum ContentEncoding {
    /// The codings AsyncHTTPClient decodes.
    static let decodable: Set<String> = ["gzip", "deflate"]

    /// The header's value when Chorus cannot decode it, else nil. `values` are the
    /// comma-separated codings of every `Content-Encoding` header, in order.
    static func undecodable(_ values: [String]) -> String? {
        let codings = values.map { $0.trimmed.lowercased() }.filter { !$0.isEmpty && $0 != "identity" }
        guard !codings.isEmpty else { return nil }
        if codings.count == 1, decodable.contains(codings[0]) { return nil }
        return codings.joined(separator: ", ")
    }
}
