import ChorusTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `chorus batch`, the built binary against the `fake-llm-server` process: a batch with failures
/// and time-outs then `--retry-failed`, a storm of HTTP 429s, `kill -9` in the middle, Ctrl-C
/// once and twice, and input errors. Items carry their behaviour in `[[fake:...]]` markers or
/// match `--script` rules (see Sources/FakeLLMServer/README.md); each item's text carries a tag
/// `ITEM[id]` so the server's journal tells which item every request belonged to.
@Suite(.serialized) struct BatchBinaryTests {
    let home = TemporaryHome()

    /// The flags pointing chorus at `server` (no key needed on loopback).
    func provider(_ server: FakeServerProcess) -> [String] { ["--provider", "openai", "--base-url", server.baseURL] }

    func path(_ name: String) -> String { home.path + "/" + name }

    /// Writes an input file of JSON Lines (one object per element, or a raw line as given).
    func writeInput(_ name: String, _ lines: [String]) throws -> String {
        let file = path(name)
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    // MARK: 1. Failures, time-outs, an unreadable line; then --retry-failed

    @Test func failuresAndTimeoutsThenRetryFailedRunsOnlyThose() async throws {
        // 200 items. Every 20th (from 3) fails on all three workers with HTTP 400 (not retried),
        // but only on the first three calls carrying its directives (unique per item thanks to
        // its say=), so a retry succeeds. Every 25th (from 7) matches a script rule that stalls
        // the first three calls (the workers time out) and answers after that. Line 101 is not
        // JSON (an unreadable item, id line-101).
        var failing: Set<String> = []
        var stalling: Set<String> = []
        var lines: [String] = []
        var rules: [[String: Any]] = []
        let stall: [String: Any] = ["ending": "stall", "endAfter": 0]
        for i in 0..<200 {
            let id = String(format: "item-%03d", i)
            var text = "ITEM[\(id)] What is \(i) + 1?"
            if i % 20 == 3 {
                failing.insert(id)
                text += " [[fake:fail-first-3+fail-400+say=recovered \(id)]]"
            }
            if i % 25 == 7 {
                stalling.insert(id)
                text += " STALL<\(id)>"
                rules.append(["contains": "STALL<\(id)>", "responses": [stall, stall, stall, ["text": "recovered \(id)"]]])
            }
            lines.append(try json(["id": id, "text": text]))
        }
        lines.insert(#"{"id": "item-broken", "text": "an unterminated string"#, at: 100)
        let broken = "line-101"
        #expect(failing.count == 10 && stalling.count == 8 && failing.isDisjoint(with: stalling))
        let retried = failing.union(stalling)
        let allIDs = Set((0..<200).map { String(format: "item-%03d", $0) }).union([broken])

        let script = path("script.json")
        try JSONSerialization.data(withJSONObject: ["rules": rules]).write(to: URL(fileURLWithPath: script))
        let server = try FakeServerProcess(arguments: ["--script", script])
        let input = try writeInput("items.jsonl", lines)
        let out = path("out.jsonl")
        let command =
            ["batch", input, "--out", out, "--prompt", "Answer: {text}", "--model", "tokens-3", "--strategy", "synthesize",
             "--timeout", "2", "--concurrency", "8", "--json"] + provider(server)

        // First run: every item once, 19 failed.
        let first = try await runChorus(command, home: home.path, limit: 120)
        #expect(first.status == 4, "\(first.stderr)")
        let summary = try #require(jsonObject(first.stdout), "stdout is the summary: \(first.stdout)")
        #expect(summary["status"] as? String == "failed")
        #expect(summary["items"] as? Int == 201)
        #expect(summary["ran"] as? Int == 201)
        #expect(summary["succeeded"] as? Int == 182)
        #expect(summary["failed"] as? Int == 19)
        #expect(summary["all_failed"] as? Int == 18)
        #expect(summary["quorum_not_met"] as? Int == 0)
        #expect(summary["invalid"] as? Int == 1)
        #expect(summary["remaining"] as? Int == 0)
        #expect(summary["skipped_succeeded"] as? Int == 0)
        #expect(summary["skipped_failed"] as? Int == 0)
        #expect(first.stderr.contains("run the same command with --retry-failed"))

        let afterFirst = try OutFile(out)
        afterFirst.expectWhole()
        #expect(afterFirst.lines.count == 201)
        #expect(afterFirst.counts == Dictionary(uniqueKeysWithValues: allIDs.map { ($0, 1) }), "every id exactly once")
        for line in afterFirst.lines {
            let id = line["id"] as? String ?? "?"
            for key in ["id", "id_source", "status", "failure", "output", "error", "source", "elapsed_ms", "usage", "finished_at", "record"] {
                #expect(line.keys.contains(key), "\(id) has \(key)")
            }
            let error = line["error"] as? String ?? ""
            if failing.contains(id) {
                #expect(line["status"] as? String == "failed", "\(id)")
                #expect(line["failure"] as? String == "all_failed", "\(id)")
                #expect(error.hasPrefix("All 3 workers failed") && error.contains("400"), "\(id): \(error)")
            } else if stalling.contains(id) {
                #expect(line["status"] as? String == "failed", "\(id)")
                #expect(line["failure"] as? String == "all_failed", "\(id)")
                #expect(error.contains("timed out after 2 s"), "\(id): \(error)")
            } else if id == broken {
                #expect(line["status"] as? String == "failed")
                #expect(line["failure"] as? String == "invalid_item")
                #expect(line["id_source"] as? String == "generated")
                #expect(line["source"] as? String == "line 101")
                #expect(line["record"] is NSNull)
                #expect(error.contains("line 101"), "\(error)")
            } else {
                #expect(line["status"] as? String == "succeeded", "\(id): \(error)")
                #expect(line["failure"] is NSNull, "\(id)")
                #expect(line["error"] is NSNull, "\(id)")
                #expect((line["output"] as? String)?.isEmpty == false, "\(id)")
                #expect(line["id_source"] as? String == "field")
            }
        }
        let journal1 = try await server.journal()
        let requests1 = try requestTags(journal1)
        for id in failing { #expect(requests1.filter { $0 == id }.count == 3, "\(id): three workers, no aggregator") }

        // The same command again: nothing to do, nothing sent, nothing written.
        let again = try await runChorus(command, home: home.path, limit: 60)
        #expect(again.status == 4, "\(again.stderr)")
        let againSummary = try #require(jsonObject(again.stdout))
        #expect(againSummary["ran"] as? Int == 0)
        #expect(againSummary["skipped_succeeded"] as? Int == 182)
        #expect(againSummary["skipped_failed"] as? Int == 19)
        #expect(try OutFile(out).text == afterFirst.text)
        #expect(try requestTags(try await server.journal()).count == requests1.count, "no request without work")

        // --retry-failed: the 18 run again and succeed; the unreadable line fails again.
        let retry = try await runChorus(command + ["--retry-failed"], home: home.path, limit: 60)
        #expect(retry.status == 4, "\(retry.stderr)")
        let retrySummary = try #require(jsonObject(retry.stdout))
        #expect(retrySummary["ran"] as? Int == 19)
        #expect(retrySummary["succeeded"] as? Int == 18)
        #expect(retrySummary["failed"] as? Int == 1)
        #expect(retrySummary["invalid"] as? Int == 1)
        #expect(retrySummary["skipped_succeeded"] as? Int == 182)
        #expect(retrySummary["remaining"] as? Int == 0)

        // The user fixes line 101 (keeping its id): the last failed item runs, and all is done.
        var fixed = lines
        fixed[100] = try json(["id": broken, "text": "ITEM[\(broken)] fixed question"])
        _ = try writeInput("items.jsonl", fixed)
        let last = try await runChorus(command + ["--retry-failed"], home: home.path, limit: 60)
        #expect(last.status == 0, "\(last.stderr)")
        let lastSummary = try #require(jsonObject(last.stdout))
        #expect(lastSummary["status"] as? String == "succeeded")
        #expect(lastSummary["ran"] as? Int == 1)
        #expect(lastSummary["succeeded"] as? Int == 1)
        #expect(lastSummary["skipped_succeeded"] as? Int == 200)
        #expect(lastSummary["failed_in_out"] as? Int == 0)

        let final = try OutFile(out)
        final.expectWhole()
        #expect(final.text.hasPrefix(afterFirst.text), "earlier lines are never rewritten")
        #expect(final.lines.count == 201 + 19 + 1)
        #expect(Set(final.latest.keys) == allIDs)
        for (id, line) in final.latest {
            #expect(line["status"] as? String == "succeeded", "\(id)'s latest line: \(line["error"] ?? "")")
        }
        for id in failing.union(stalling) {
            #expect(final.latest[id]?["output"] as? String == "recovered \(id)", "\(id)")
        }
        for id in allIDs.subtracting(retried).subtracting([broken]) {
            #expect(final.counts[id] == 1, "\(id) succeeded the first time and was not run again")
        }
        for id in retried { #expect(final.counts[id] == 2, "\(id)") }
        #expect(final.counts[broken] == 3)

        // The server saw requests only for the items that ran again.
        let requests = try requestTags(try await server.journal())
        let later = requests.dropFirst(requests1.count)
        let ranAgain = Set(later)
        #expect(ranAgain == retried.union([broken]), "requests after the first run were for \(ranAgain.sorted())")
    }

    // MARK: 2. A storm of 429s

    @Test func aStormOf429sSlowsTheBatchAndNoItemFails() async throws {
        // After 60 requests (20 items) every request gets HTTP 429 for 1 s, announcing
        // retry-after-ms 1200. Workers' timeout is 1 s: held by the rate limiter for over a second,
        // they would time out if their clocks ran while held.
        // (A longer storm with shorter announced waits, e.g. 2000 ms of 429s saying 300 ms, works
        // too but makes the limiter halve its rate once per announced wait, and the recovery then
        // takes ~20 s for 60 items: too slow for this suite.)
        let server = try FakeServerProcess(arguments: ["--storm", "60:1000:1200"])
        let input = try writeInput("storm.jsonl", try (0..<40).map { try json(["id": "s\($0)", "text": "ITEM[s\($0)] q\($0)"]) })
        let out = path("storm-out.jsonl")
        let result = try await runChorus(
            ["batch", input, "--out", out, "--prompt", "Answer: {text}", "--model", "tokens-3", "--strategy", "concatenate",
             "--timeout", "1", "--concurrency", "8", "--json"] + provider(server),
            home: home.path, limit: 60)
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(jsonObject(result.stdout), "\(result.stdout)")
        #expect(summary["status"] as? String == "succeeded")
        #expect(summary["succeeded"] as? Int == 40)
        #expect(summary["failed"] as? Int == 0)
        let pushbacks = try #require(summary["pushbacks"] as? Int)
        #expect(pushbacks > 0)
        #expect((summary["wall_ms"] as? Int ?? 0) >= 1000, "the storm lasted a second after 20 items")
        #expect(result.stderr.contains("slowed down after \(pushbacks) pushback"))

        let journal = try await server.journal()
        #expect((journal["rate_limited"] as? Int ?? 0) > 0, "\(journal["rate_limited"] ?? "none")")
        #expect(journal["accepted"] as? Int == 120, "each worker's request went through once")

        let lines = try OutFile(out)
        lines.expectWhole()
        #expect(lines.lines.count == 40)
        for line in lines.lines {
            let id = line["id"] as? String ?? "?"
            #expect(line["status"] as? String == "succeeded", "\(id): \(line["error"] ?? "")")
            let workers = (line["record"] as? [String: Any])?["workers"] as? [[String: Any]] ?? []
            #expect(workers.map { $0["status"] as? String } == ["succeeded", "succeeded", "succeeded"], "\(id)")
        }
    }

    // MARK: 3. kill -9 in the middle, then resume

    @Test func killedMidwayThenResumedHasEveryItemOnce() async throws {
        let server = try FakeServerProcess()
        let ids = (0..<500).map { String(format: "c%03d", $0) }
        let input = try writeInput("crash.jsonl", try ids.map { try json(["id": $0, "text": "ITEM[\($0)] question"]) })
        let out = path("crash-out.jsonl")
        let command =
            ["batch", input, "--out", out, "--prompt", "Answer: {text}", "--model", "tokens-3", "--concurrency", "16", "--json"]
            + provider(server)

        let running = try BackgroundChorus(command, home: home.path)
        try await waitUntil("100 lines in --out") {
            if running.hasEnded { throw BinaryError("chorus ended before it was killed: \(running.stderr)") }
            return newlineCount(out) >= 100
        }
        running.send(SIGKILL)
        let killed = try await running.wait(limit: .seconds(10))
        #expect(killed.status == -SIGKILL)

        let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
        let whole = newlineCount(out)
        let torn = bytes.last != UInt8(ascii: "\n") && !bytes.isEmpty
        #expect(whole >= 100)
        try #require(whole < 500, "killed after the whole batch was written: the test proves nothing")
        // The whole lines are whole results.
        let before = try OutFile(out, allowTornTail: true)
        before.expectWhole()
        #expect(before.lines.count == whole)
        #expect(before.counts.values.allSatisfy { $0 == 1 })
        #expect(before.lines.allSatisfy { $0["status"] as? String == "succeeded" })

        let resumed = try await runChorus(command, home: home.path, limit: 60)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let summary = try #require(jsonObject(resumed.stdout), "\(resumed.stdout)")
        #expect(summary["skipped_succeeded"] as? Int == whole)
        #expect(summary["ran"] as? Int == 500 - whole)
        #expect(summary["status"] as? String == "succeeded")
        if torn { #expect(resumed.stderr.contains("dropped a torn last line"), "\(resumed.stderr)") }

        let after = try OutFile(out)
        after.expectWhole()
        #expect(after.lines.count == 500)
        #expect(after.counts == Dictionary(uniqueKeysWithValues: ids.map { ($0, 1) }), "every id exactly once")
        #expect(after.lines.allSatisfy { $0["status"] as? String == "succeeded" })
    }

    @Test func aWriteErrorStopsWithExit1AndTheResumeDropsTheTornLine() async throws {
        // The tests run as root, where permissions cannot make --out unwritable; a file size
        // limit can: past 51,200 bytes (`ulimit -f 100`, 512-byte blocks) a write is cut short,
        // then fails with EFBIG (SIGXFSZ ignored), as on a full disk. The cut leaves a torn line.
        let server = try FakeServerProcess()
        let ids = (0..<100).map { String(format: "w%03d", $0) }
        let input = try writeInput("full.jsonl", try ids.map { try json(["id": $0, "text": "ITEM[\($0)] question"]) })
        let out = path("full-out.jsonl")
        let command =
            ["batch", input, "--out", out, "--prompt", "Answer: {text}", "--model", "tokens-3", "--concurrency", "8", "--json"]
            + provider(server)

        let limited = try BackgroundChorus(command, home: home.path, shellSetup: "ulimit -f 100; trap '' XFSZ")
        let result = try await limited.wait(limit: .seconds(30))
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("cannot write"), "\(result.stderr)")
        #expect(result.stderr.contains("run the same command again to resume"), "\(result.stderr)")
        let summary = try #require(jsonObject(result.stdout), "\(result.stdout)")
        #expect((summary["write_error"] as? String)?.contains("cannot write") == true)
        let written = try #require(summary["succeeded"] as? Int)
        #expect(written > 0 && written < 100)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: out)[.size] as? Int)
        #expect(size == 51_200, "written up to the limit")
        let cut = try OutFile(out, allowTornTail: true)
        cut.expectWhole()
        #expect(cut.lines.count == written, "the whole lines are the items counted as written")
        // Lines are about 3 KB, so the limit almost always falls inside one.
        let torn = try Data(contentsOf: URL(fileURLWithPath: out)).last != UInt8(ascii: "\n")

        let resumed = try await runChorus(command, home: home.path, limit: 60)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("dropped a torn last line") == torn, "\(resumed.stderr)")
        let resumedSummary = try #require(jsonObject(resumed.stdout))
        #expect(resumedSummary["skipped_succeeded"] as? Int == written)
        #expect(resumedSummary["ran"] as? Int == 100 - written)
        let after = try OutFile(out)
        after.expectWhole()
        #expect(after.counts == Dictionary(uniqueKeysWithValues: ids.map { ($0, 1) }), "every id exactly once")
    }

    // MARK: 4. Ctrl-C

    @Test func ctrlCOnceFinishesTheItemsInFlightThenResumes() async throws {
        let server = try FakeServerProcess()
        // About 0.8 s an item (4 tokens 200 ms apart), 8 at a time.
        let ids = (0..<32).map { String(format: "i%02d", $0) }
        let input = try writeInput("slow.jsonl", try ids.map { try json(["id": $0, "text": "ITEM[\($0)] question"]) })
        let out = path("slow-out.jsonl")
        let command =
            ["batch", input, "--out", out, "--prompt", "Answer: {text}", "--model", "slow+tokens-4", "--strategy", "concatenate",
             "--concurrency", "8", "--json"] + provider(server)

        let running = try BackgroundChorus(command, home: home.path)
        try await waitUntil("a first line in --out") {
            if running.hasEnded { throw BinaryError("chorus ended before Ctrl-C: \(running.stderr)") }
            return newlineCount(out) >= 1
        }
        let atSignal = newlineCount(out)
        running.send(SIGINT)
        let result = try await running.wait(limit: .seconds(20))
        #expect(result.status == 130, "\(result.stderr)")
        #expect(result.stderr.contains("stopping: no new items"))
        #expect(result.stderr.contains("run the same command again to resume"), "\(result.stderr)")
        let summary = try #require(jsonObject(result.stdout), "\(result.stdout)")
        #expect(summary["status"] as? String == "interrupted")
        #expect(summary["cancelled"] as? Int == 0)
        let ran = try #require(summary["ran"] as? Int)
        #expect(ran > atSignal, "the items in flight at Ctrl-C finished and were written")
        #expect(ran < 32, "no new items started after Ctrl-C")
        #expect(summary["remaining"] as? Int == 32 - ran)

        let stopped = try OutFile(out)
        stopped.expectWhole()
        #expect(stopped.lines.count == ran)
        #expect(stopped.counts.values.allSatisfy { $0 == 1 })
        #expect(stopped.lines.allSatisfy { $0["status"] as? String == "succeeded" })

        let resumed = try await runChorus(command, home: home.path, limit: 60)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let resumedSummary = try #require(jsonObject(resumed.stdout))
        #expect(resumedSummary["skipped_succeeded"] as? Int == ran)
        #expect(resumedSummary["ran"] as? Int == 32 - ran)
        let after = try OutFile(out)
        after.expectWhole()
        #expect(after.counts == Dictionary(uniqueKeysWithValues: ids.map { ($0, 1) }), "every id exactly once")
    }

    @Test func ctrlCTwiceCancelsTheItemsInFlightWithoutWritingThem() async throws {
        let server = try FakeServerProcess()
        // About 1.2 s an item, 8 at a time, all started together: both Ctrl-Cs come while the
        // first eight stream (the server has their calls open), so the second finds them in flight.
        let ids = (0..<24).map { String(format: "t%02d", $0) }
        let input = try writeInput("twice.jsonl", try ids.map { try json(["id": $0, "text": "ITEM[\($0)] question"]) })
        let out = path("twice-out.jsonl")
        let command =
            ["batch", input, "--out", out, "--prompt", "Answer: {text}", "--model", "slow+tokens-6", "--strategy", "concatenate",
             "--concurrency", "8", "--json"] + provider(server)

        let running = try BackgroundChorus(command, home: home.path)
        try await waitUntilAsync("eight items' calls open at the server") {
            if running.hasEnded { throw BinaryError("chorus ended before Ctrl-C: \(running.stderr)") }
            return (try await server.journal()["open_now"] as? Int ?? 0) >= 8
        }
        running.send(SIGINT)
        // Two SIGINTs sent back to back are one pending signal to the kernel (standard signals
        // do not queue), so the second press goes once the first one was seen.
        try await waitUntil("the first Ctrl-C's notice", limit: .seconds(10)) { running.stderr.contains("stopping: no new items") }
        let secondAt = ContinuousClock.now
        running.send(SIGINT)
        let result = try await running.wait(limit: .seconds(20))
        #expect(result.status == 130, "\(result.stderr)")
        #expect(ContinuousClock.now - secondAt < .seconds(1), "cancelled at once, not after the items' 1.2 s")
        #expect(result.stderr.contains("cancelling the items in flight"))
        #expect(result.stderr.contains("run the same command again to resume"), "\(result.stderr)")
        let summary = try #require(jsonObject(result.stdout), "\(result.stdout)")
        #expect(summary["status"] as? String == "interrupted")
        #expect((summary["cancelled"] as? Int ?? 0) > 0, "some items were in flight and cancelled")
        let ran = try #require(summary["ran"] as? Int)

        let stopped = try OutFile(out)
        stopped.expectWhole()
        #expect(stopped.lines.count == ran, "cancelled items are not written")
        #expect(stopped.lines.allSatisfy { $0["status"] as? String == "succeeded" }, "no half-done item recorded")

        let resumed = try await runChorus(command, home: home.path, limit: 60)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let resumedSummary = try #require(jsonObject(resumed.stdout))
        #expect(resumedSummary["skipped_succeeded"] as? Int == ran)
        #expect(resumedSummary["ran"] as? Int == 24 - ran)
        let after = try OutFile(out)
        after.expectWhole()
        #expect(after.counts == Dictionary(uniqueKeysWithValues: ids.map { ($0, 1) }), "every id exactly once")
        #expect(after.lines.allSatisfy { $0["status"] as? String == "succeeded" })
    }

    // MARK: 5. Bad input

    @Test func inputErrorsAreOneLineWith64AndCallNoModel() async throws {
        let server = try FakeServerProcess()
        let out = path("never.jsonl")

        let empty = try writeInput("empty.jsonl", [])
        try Data().write(to: URL(fileURLWithPath: empty))
        let none = try await runChorus(
            ["batch", empty, "--out", out, "--prompt", "Answer: {text}"] + provider(server), home: home.path)
        #expect(none.status == 64)
        #expect(none.stderr.hasPrefix("chorus: ") && none.stderr.filter { $0 == "\n" }.count == 1, "\(none.stderr)")
        #expect(none.stderr.contains(empty) && none.stderr.contains("has no items"), "\(none.stderr)")

        let items = try writeInput("fields.jsonl", [#"{"id": "a-1", "text": "x"}"#, #"{"id": "a-2", "question": "y"}"#])
        let hole = try await runChorus(
            ["batch", items, "--out", out, "--prompt", "Answer: {question}"] + provider(server), home: home.path)
        #expect(hole.status == 64)
        #expect(hole.stderr.filter { $0 == "\n" }.count == 1, "\(hole.stderr)")
        #expect(hole.stderr.contains("{question}"), "\(hole.stderr)")
        #expect(hole.stderr.contains(#"item "a-1" (line 1)"#), "\(hole.stderr)")

        let noOut = try await runChorus(["batch", items, "--prompt", "Answer: {text}"] + provider(server), home: home.path)
        #expect(noOut.status == 64)
        #expect(noOut.stderr.filter { $0 == "\n" }.count == 1, "\(noOut.stderr)")
        #expect(noOut.stderr.contains("--out"), "\(noOut.stderr)")

        for result in [none, hole, noOut] { #expect(result.stdout.isEmpty) }
        #expect(!FileManager.default.fileExists(atPath: out), "--out is not created for a batch that cannot start")
        let journal = try await server.journal()
        #expect((journal["requests"] as? [Any])?.isEmpty == true, "no model was called")
    }
}

// MARK: - Helpers

/// One JSON object as a compact line.
private func json(_ object: [String: Any]) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
}

/// Newlines in the file (its whole lines); 0 while it does not exist.
private func newlineCount(_ path: String) -> Int {
    guard let data = FileManager.default.contents(atPath: path) else { return 0 }
    return data.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
}

/// For every chat request in the journal, in order, the item it belongs to: the tag `ITEM[id]`
/// in its user text (workers and aggregator alike). Throws for a request without one.
private func requestTags(_ journal: [String: Any]) throws -> [String] {
    let requests = try #require(journal["requests"] as? [[String: Any]], "the journal has requests")
    return try requests.map { request in
        let text = request["user_text"] as? String ?? ""
        guard let match = text.firstMatch(of: /ITEM\[([A-Za-z0-9-]+)\]/) else {
            throw BinaryError("a request without an item tag: \(text.prefix(200))")
        }
        return String(match.1)
    }
}

/// `--out` as written: its lines parsed as JSON objects.
private struct OutFile {
    var text: String
    var lines: [[String: Any]] = []
    /// Lines that are not one JSON object.
    var broken: [String] = []
    var endsWithNewline: Bool

    /// - Parameter allowTornTail: ignore a last line without its newline (a crash's torn write).
    init(_ path: String, allowTornTail: Bool = false) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        text = String(decoding: data, as: UTF8.self)
        endsWithNewline = data.isEmpty || data.last == UInt8(ascii: "\n")
        var pieces = text.split(separator: "\n", omittingEmptySubsequences: false)
        if pieces.last?.isEmpty == true || (allowTornTail && !endsWithNewline) { pieces.removeLast() }
        if allowTornTail { endsWithNewline = true }
        for piece in pieces {
            if let object = jsonObject(String(piece)) { lines.append(object) } else { broken.append(String(piece)) }
        }
    }

    /// Records a failure for every line that is not whole JSON and for a missing last newline.
    func expectWhole(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(broken.isEmpty, "lines that are not JSON objects: \(broken.map { $0.prefix(120) })", sourceLocation: sourceLocation)
        #expect(endsWithNewline, "the file ends with a newline", sourceLocation: sourceLocation)
    }

    /// How many lines each id has.
    var counts: [String: Int] {
        lines.reduce(into: [:]) { counts, line in counts[line["id"] as? String ?? "?", default: 0] += 1 }
    }

    /// The latest line of each id.
    var latest: [String: [String: Any]] {
        lines.reduce(into: [:]) { latest, line in latest[line["id"] as? String ?? "?"] = line }
    }
}
