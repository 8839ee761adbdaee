import Chorus
import Testing

extension BatchInputTests {
    @Suite("a stable hash for ids and shards")
    struct StableHashTests {
        @Test("FNV-1a 64 matches the published test vectors")
        func knownVectors() {
            #expect(StableHash.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
            #expect(StableHash.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
            #expect(StableHash.fnv1a64("foobar") == 0x8594_4171_f739_67e8)
        }

        @Test("hex is 16 lowercase digits, zero-padded")
        func hexDigits() {
            #expect(StableHash.hex("a") == "af63dc4c8601ec8c")
            #expect(StableHash.hex("") == "cbf29ce484222325")
            for sample in ["x", "y", "hello world", "é", "🙂"] {
                let hex = StableHash.hex(sample)
                #expect(hex.count == 16)
                #expect(hex.allSatisfy { "0123456789abcdef".contains($0) })
            }
        }

        @Test("the hash is over UTF-8 bytes, so it is the same for the same text however it was built")
        func utf8Bytes() {
            let built = String(decoding: [0xC3, 0xA9], as: UTF8.self)
            #expect(StableHash.fnv1a64("é") == StableHash.fnv1a64(built))
            #expect(StableHash.fnv1a64("ab") != StableHash.fnv1a64("ba"))
        }

        @Test("spread mixes the low bits: ids whose bytes are all odd do not all land in one half")
        func spreadMixesLowBits() {
            // FNV-1a's lowest bit is the parity of the bytes' lowest bits, so for these ids (every
            // byte odd, same length) the bare hash puts all of them in the same half.
            let odd = Array("acegikmoqsuwy13579")
            let ids = (0..<200).map { i in "i" + String([odd[i % odd.count], odd[(i / odd.count) % odd.count]]) }
            let bareHalves = Set(ids.map { StableHash.fnv1a64($0) % 2 })
            #expect(bareHalves.count == 1, "the weakness this guards against")
            let spreadOnes = ids.filter { StableHash.spread($0) % 2 == 1 }.count
            #expect((60...140).contains(spreadOnes))
        }
    }
}
