import ChorusTestSupport
import Foundation
import Testing

/// `chorus run --escalate` as built, against the fake server over real HTTP: three workers split
/// 1-1-1 (their focus areas carry `say=` markers), the reserve continues the focus cycle, so
/// worker 4 says what worker 1 said and the group of two is clear after one extra call.
@Suite(.serialized) struct EscalationBinaryTests {
    let home = TemporaryHome()

    @Test func aSplitStartsOneExtraWorkerOverHTTPAndTheRecordSaysSo() async throws {
        let server = try FakeServerProcess()
        let result = try await runChorus(
            ["run", "What is 17 * 23?", "--json", "--workers", "3", "--escalate", "3", "--strategy", "vote",
             "--focus", "one [[fake:say=389]]", "--focus", "two [[fake:say=380]]", "--focus", "three [[fake:say=406]]",
             "--model", "fake-worker", "--base-url", server.baseURL],
            home: home.path)
        #expect(result.status == 0, "\(result.stderr)")
        let record = try #require(jsonObject(result.stdout))
        #expect(record["output"] as? String == "389")
        #expect(record["quorum"] as? Int == 2)
        let workers = try #require(record["workers"] as? [[String: Any]])
        #expect(workers.count == 4)
        #expect(workers.map { $0["escalated"] as? Bool } == [nil, nil, nil, true])
        #expect(workers[3]["temperature"] as? Double == 0.4)
        #expect(workers[3]["focus"] as? String == "one [[fake:say=389]]")
        let block = try #require(record["escalation"] as? [String: Any])
        #expect(block["budget"] as? Int == 3)
        #expect(block["started"] as? [Int] == [3])
        #expect(block["stop"] as? String == "clear")
        #expect(block["calls"] as? Int == 1)
        #expect(result.stderr.contains("chorus: escalated: +1 worker, a group is clear: 2 of 4 say 389"))
        // Four worker requests reached the server, none for the rest of the reserve.
        let requests = try await server.journal()["requests"] as? [[String: Any]] ?? []
        #expect(requests.count == 4)
    }
}
