import Chorus
import ChorusTestSupport
import Foundation
import Testing

@testable import ChorusCLI

/// Issue 17: text piped beside a task, and `-f/--file`, in-process: what the workers are sent,
/// what the record keeps, and one clear line (exit 64) for each file that cannot be attached.
@Suite struct ContextInputTests {
    /// A harness whose one scripted model answers "42" and remembers every request.
    func harness(stdin: TextInput = .text("", isTerminal: true)) -> (Harness, ScriptedModel) {
        var h = Harness()
        let model = ScriptedModel(clock: ContinuousClock(), steps: [.text("42")])
        h.models = { _ in model }
        h.stdin = stdin
        return (h, model)
    }

    /// The user message of every worker request (the aggregator's are left out: concatenate).
    func prompts(_ model: ScriptedModel) -> [String] {
        model.requests.compactMap { $0.messages.last(where: { $0.role == .user })?.content }
    }

    let run = ["run", "--workers", "2", "--strategy", "concatenate", "--json"]

    // MARK: - Stdin beside a task (the bug)

    @Test func pipedTextFollowsTheTaskAsADelimitedBlock() async throws {
        let (h, model) = harness(stdin: .text("line one\nline two\n"))
        #expect(await h.run(run + ["Summarise this"]) == 0, "\(h.err.text)")
        let expected = "Summarise this\n\n<context name=\"stdin\" bytes=\"18\">\nline one\nline two\n</context>"
        #expect(prompts(model) == [expected, expected])
        let record = try #require(decode(h.out.text))
        #expect(record["task"] as? String == "Summarise this")
        let context = try #require(record["context"] as? [String: Any])
        let files = try #require(context["files"] as? [[String: Any]])
        #expect(files.count == 1)
        #expect(files[0]["name"] as? String == "stdin")
        #expect(files[0]["bytes"] as? Int == 18)
        #expect(files[0]["text"] == nil, "the record keeps names and sizes, not the text")
    }

    @Test func theDashTaskStillReadsTheTaskFromStdin() async {
        let (h, model) = harness(stdin: .text("What is 6*7?\n"))
        #expect(await h.run(run + ["-"]) == 0, "\(h.err.text)")
        #expect(prompts(model) == ["What is 6*7?", "What is 6*7?"])
        #expect(!h.out.text.contains("\"context\""))
    }

    @Test func aTerminalStdinOrAnEmptyPipeAddsNothing() async {
        for stdin in [TextInput.text("ignored", isTerminal: true), .text("", isTerminal: false), .text(" \n", isTerminal: false)] {
            let (h, model) = harness(stdin: stdin)
            #expect(await h.run(run + ["Q"]) == 0, "\(h.err.text)")
            #expect(prompts(model) == ["Q", "Q"])
        }
    }

    @Test func aSilentPipeIsLeftWithANote() async {
        let silent = TextInput(isTerminal: false, readAll: { nil }, readLine: { nil }, readPiped: { .silent })
        let (h, model) = harness(stdin: silent)
        #expect(await h.run(run + ["Q"]) == 0, "\(h.err.text)")
        #expect(prompts(model) == ["Q", "Q"])
        #expect(h.err.text.contains("chorus: note: standard input gave nothing for 2 s"))
    }

    // MARK: - --file

    @Test func filesAreAttachedInOrderWithTheirNames() async throws {
        let (h, model) = harness()
        let a = h.home.write("a.md", "alpha")
        let b = h.home.write("notes/b.txt", "beta\n")
        #expect(await h.run(run + ["Compare", "-f", a, "--file", b]) == 0, "\(h.err.text)")
        let expected = "Compare\n\n<context name=\"\(a)\" bytes=\"5\">\nalpha\n</context>\n\n<context name=\"\(b)\" bytes=\"5\">\nbeta\n</context>"
        #expect(prompts(model).first == expected)
        let record = try #require(decode(h.out.text))
        let files = try #require((record["context"] as? [String: Any])?["files"] as? [[String: Any]])
        #expect(files.map { $0["name"] as? String } == [a, b])
        #expect(files.map { $0["bytes"] as? Int } == [5, 5])
    }

    @Test func saveContextKeepsTheText() async throws {
        let (h, _) = harness()
        let a = h.home.write("a.md", "alpha")
        #expect(await h.run(run + ["Q", "-f", a, "--save-context"]) == 0, "\(h.err.text)")
        let record = try #require(decode(h.out.text))
        let context = try #require(record["context"] as? [String: Any])
        #expect(context["keeps_text"] as? Bool == true)
        #expect((context["files"] as? [[String: Any]])?.first?["text"] as? String == "alpha")
    }

    @Test func dashFileIsStdinBesideATask() async {
        let (h, model) = harness(stdin: .text("piped"))
        #expect(await h.run(run + ["Q", "-f", "-"]) == 0, "\(h.err.text)")
        #expect(prompts(model).first == "Q\n\n<context name=\"stdin\" bytes=\"5\">\npiped\n</context>")
    }

    /// Each refusal: exit 64, one line naming the file and the fix, and no model called.
    @Test(arguments: ["missing", "binary", "notUTF8", "oversized", "total", "directory", "stdinTwice"])
    func aFileThatCannotBeAttachedGetsOneLine(_ kind: String) async {
        // A terminal stdin, so nothing is piped beside the task (but for "stdinTwice").
        let (h, model) = harness(stdin: .text("the task", isTerminal: kind != "stdinTwice"))
        var args = run + ["Q"]
        let expected: String
        switch kind {
        case "missing":
            args += ["-f", h.home.path + "/nope.txt"]
            expected = "chorus: --file \(h.home.path)/nope.txt: no such file; check the path\n"
        case "binary":
            let path = h.home.path + "/image.png"
            _ = FileManager.default.createFile(atPath: path, contents: Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]))
            args += ["-f", path]
            expected = "chorus: --file \(path): a binary file (it holds NUL bytes); attach text files only\n"
        case "notUTF8":
            let path = h.home.path + "/latin1.txt"
            _ = FileManager.default.createFile(atPath: path, contents: Data([0x63, 0x61, 0x66, 0xE9]))
            args += ["-f", path]
            expected = "chorus: --file \(path): not UTF-8 text (a binary file?); attach text files only, or convert it (iconv -t UTF-8)\n"
        case "oversized":
            let path = h.home.write("big.txt", String(repeating: "x", count: 101))
            args += ["-f", path, "--file-max-bytes", "100"]
            expected = "chorus: --file \(path): 101 bytes, over file_max_bytes (100); attach a smaller part, or raise it (--file-max-bytes 101)\n"
        case "total":
            let a = h.home.write("a.txt", String(repeating: "a", count: 60))
            let b = h.home.write("b.txt", String(repeating: "b", count: 60))
            args += ["-f", a, "-f", b, "--context-max-bytes", "100"]
            expected = "chorus: the attached text totals 120 bytes, over context_max_bytes (100); attach fewer or smaller files, or raise it (--context-max-bytes 120)\n"
        case "directory":
            args += ["-f", h.home.path]
            expected = "chorus: --file \(h.home.path): a directory; attach its files one by one (-f \(h.home.path)/a.md -f \(h.home.path)/b.md)\n"
        default:
            args = run + ["-", "-f", "-"]
            expected = "chorus: standard input is already the task; give the task as an argument to attach stdin with -f -\n"
        }
        #expect(await h.run(args) == 64)
        #expect(h.err.text == expected)
        #expect(model.calls == 0)
    }

    @Test func pipedTextOverTheLimitNamesStdin() async {
        let (h, model) = harness(stdin: .text(String(repeating: "y", count: 11)))
        #expect(await h.run(run + ["Q", "--file-max-bytes", "10"]) == 64)
        #expect(h.err.text == "chorus: standard input: 11 bytes, over file_max_bytes (10); attach a smaller part, or raise it (--file-max-bytes 11)\n")
        #expect(model.calls == 0)
    }

    @Test func aPromptNearTheContextLengthIsWarnedAbout() async {
        let (h, _) = harness()
        let path = h.home.write("long.txt", String(repeating: "word ", count: 100))  // 500 bytes ≈ 125 tokens
        #expect(await h.run(run + ["Q", "-f", path, "--context-length", "100"]) == 0, "\(h.err.text)")
        #expect(h.err.text.contains("chorus: warning: the prompt is about 1"))
        #expect(h.err.text.contains("near or over context_length 100"))
        let (quiet, _) = harness()
        #expect(await quiet.run(run + ["Q", "-f", path, "--context-length", "100000"]) == 0)
        #expect(!quiet.err.text.contains("context_length"))
    }

    // MARK: - batch --file

    @Test func batchFileIsSharedContextForEveryItem() async throws {
        var h = Harness()
        let model = ScriptedModel(clock: ContinuousClock(), steps: [.text("ok")])
        h.models = { _ in model }
        h.home.write("items.jsonl", "{\"id\": \"1\", \"text\": \"one\"}\n{\"id\": \"2\", \"text\": \"two\"}\n")
        let glossary = h.home.write("glossary.md", "TLA: three-letter acronym")
        let code = await h.run([
            "batch", h.home.path + "/items.jsonl", "--out", h.home.path + "/out.jsonl", "--prompt", "Q: {text}",
            "--strategy", "concatenate", "--workers", "1", "--file", glossary,
        ])
        #expect(code == 0, "\(h.err.text)")
        let block = "\n\n<context name=\"\(glossary)\" bytes=\"25\">\nTLA: three-letter acronym\n</context>"
        #expect(Set(prompts(model)) == ["Q: one" + block, "Q: two" + block])
    }
}

extension ContextInputTests {
    @Test func dryRunAndTheReportNameTheAttachedFiles() async throws {
        let (h, model) = harness()
        let a = h.home.write("a.md", "alpha")
        #expect(await h.run(["run", "--dry-run", "Q", "-f", a]) == 0, "\(h.err.text)")
        #expect(h.out.text.contains("context: \(a) (5 bytes), sent after the task"))
        #expect(model.calls == 0)
        var plan = Plan(task: "Q", workerCount: 1, model: ModelChoice(provider: "openai", model: "m"))
        plan.context = PromptContext(files: [PromptContext.File(name: "a|b.md", text: "alpha")])
        let report = MarkdownReport.render(RunRecord(plan: plan, startedAt: Date(timeIntervalSince1970: 0)))
        #expect(report.contains("| Context | a\\|b.md (5 bytes) |"))
    }
}

extension ContextInputTests {
    /// The UI entry (`chorus TASK`, here falling back to plain output) reads the same context.
    @Test func theUIEntryAttachesPipedTextAndFilesToo() async {
        let (h, model) = harness(stdin: .text("piped"))
        let a = h.home.write("a.md", "alpha")
        #expect(await h.run(["--plain", "Q", "-f", a, "--workers", "1", "--strategy", "vote"]) == 0, "\(h.err.text)")
        #expect(prompts(model) == ["Q\n\n<context name=\"stdin\" bytes=\"5\">\npiped\n</context>\n\n<context name=\"\(a)\" bytes=\"5\">\nalpha\n</context>"])
    }
}
