import CZlib

/// Compresses a body the way a proxy does when it compresses an answer nobody asked it to:
/// one zlib stream over all pieces, flushed (`Z_SYNC_FLUSH`) at the end of each piece so a
/// client can decode every piece as it arrives, and finished after the last.
///
/// `gzip` is RFC 1952 (zlib window bits 15 + 16), `deflate` is HTTP's "deflate", the zlib
/// format of RFC 1950 (window bits 15), as RFC 9110 section 8.4.1 defines both.
enum FakeCompression {
    /// The pieces compressed with `coding` ("gzip" or "deflate"), as many as given (a piece may
    /// come out empty only if zlib holds its bytes, which a sync flush prevents); nil for any
    /// other coding, whose body is then sent as it is with only the header set.
    static func compress(_ pieces: [[UInt8]], coding: String) -> [[UInt8]]? {
        let windowBits: Int32
        switch coding.lowercased() {
        case "gzip": windowBits = 15 + 16
        case "deflate": windowBits = 15
        default: return nil
        }
        var stream = z_stream()
        guard chorus_deflate_init2(&stream, Z_DEFAULT_COMPRESSION, windowBits) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        var out: [[UInt8]] = []
        for (index, piece) in pieces.enumerated() {
            let flush = index == pieces.count - 1 ? Z_FINISH : Z_SYNC_FLUSH
            var input = piece
            var compressed: [UInt8] = []
            input.withUnsafeMutableBufferPointer { inputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = UInt32(inputBuffer.count)
                var chunk = [UInt8](repeating: 0, count: 16_384)
                repeat {
                    chunk.withUnsafeMutableBufferPointer { outputBuffer in
                        stream.next_out = outputBuffer.baseAddress
                        stream.avail_out = UInt32(outputBuffer.count)
                        _ = deflate(&stream, flush)
                        compressed += outputBuffer[..<(outputBuffer.count - Int(stream.avail_out))]
                    }
                } while stream.avail_out == 0
                stream.next_in = nil
            }
            out.append(compressed)
        }
        return out
    }
}
