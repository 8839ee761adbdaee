import Chorus
import Testing

extension BatchInputTests {
    @Suite("--shard K/N")
    struct ShardTests {
        @Test("reads K/N")
        func parses() throws {
            let shard = try Shard(parsing: "2/7")
            #expect(shard.index == 2)
            #expect(shard.count == 7)
            #expect(shard.description == "2/7")
            #expect(try Shard(parsing: "1/1").count == 1)
        }

        @Test("a K outside 1...N, N below 1, or a malformed value is an error naming --shard and the value")
        func parseErrors() {
            #expect(batchInputErrorMessage { try Shard(parsing: "5/4") } == "--shard 5/4: K must be from 1 to N, e.g. 1/4")
            #expect(batchInputErrorMessage { try Shard(parsing: "0/4") } == "--shard 0/4: K must be from 1 to N, e.g. 1/4")
            #expect(batchInputErrorMessage { try Shard(parsing: "1/0") } == "--shard 1/0: N must be at least 1, e.g. 1/4")
            for bad in ["", "3", "1/", "/4", "a/4", "1/4/2", "-1/4", "+1/4", "1.0/4", " 1/4", "99999999999999999999/4"] {
                #expect(
                    batchInputErrorMessage { try Shard(parsing: bad) }
                        == "--shard \(bad): expected K/N (this process takes part K of N), e.g. 1/4", "\(bad)")
            }
        }

        @Test("every id is in exactly one shard of N, and the shards are balanced", arguments: [1, 2, 3, 7])
        func partition(count: Int) throws {
            let shards = try (1...count).map { k throws(BatchInputError) in try Shard(index: k, count: count) }
            let idSets = [
                (1...1000).map { "item-\($0)" },
                JSONLItems.parse((1...1000).map { "{\"n\": \($0)}" }.joined(separator: "\n")).map(\.id),
            ]
            for ids in idSets {
                var sizes = [Int](repeating: 0, count: count)
                for id in ids {
                    let owners = shards.indices.filter { shards[$0].contains(id) }
                    #expect(owners.count == 1, "\(id) is in \(owners.count) shards")
                    for owner in owners { sizes[owner] += 1 }
                }
                let expected = Double(ids.count) / Double(count)
                for size in sizes {
                    #expect(abs(Double(size) - expected) <= 0.4 * expected, "sizes \(sizes)")
                }
            }
        }

        @Test("membership depends only on the id: pinned values, so a change to the hash shows up here")
        func stableMembership() throws {
            // Computed once; a shard taken on another machine or by a later version must agree.
            let pinned: [(id: String, of4: Int, of3: Int)] = [
                ("a", 4, 3), ("notes/a.txt", 2, 2), ("h0123456789ab", 2, 1), ("t-17", 4, 2), ("item-1", 1, 2), ("item-2", 4, 3),
            ]
            for (id, of4, of3) in pinned {
                #expect(try (1...4).filter { k throws(BatchInputError) in try Shard(index: k, count: 4).contains(id) } == [of4], "\(id)")
                #expect(try (1...3).filter { k throws(BatchInputError) in try Shard(index: k, count: 3).contains(id) } == [of3], "\(id)")
            }
        }
    }
}
