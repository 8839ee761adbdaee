import Foundation
import Synchronization
import Testing
@testable import ChorusCLI

/// The Task prompt around the editor: an empty answer asks again (not exit 64), leaving is exit
/// 130 with nothing run, and the task given goes into the bounded history file.
@Suite struct TaskPromptTests {
    /// A stdin whose lines come one by one, as typed.
    static func typed(_ lines: [String?]) -> TextInput {
        let queue = Mutex(lines)
        return TextInput(
            isTerminal: true, readAll: { nil },
            readLine: { queue.withLock { $0.isEmpty ? nil : $0.removeFirst() } })
    }

    @Test func anEmptyLineAsksAgain() throws {
        let out = TextBuffer()
        let task = try TaskInput.read(argument: nil, stdin: Self.typed(["", "   ", "the real task"]), prompt: out.output(), command: "chorus")
        #expect(task == "the real task")
        #expect(out.text == "Task: the task is empty; type a question (Ctrl-D leaves)\nTask: the task is empty; type a question (Ctrl-D leaves)\nTask: ")
    }

    /// Issue 14 follow-up: `chorus ""` at a terminal opens the prompt, as `chorus` alone does;
    /// piped, a blank argument is still the one-line usage error.
    @Test func aBlankArgumentAtATerminalOpensThePrompt() throws {
        let task = try TaskInput.read(argument: "  ", stdin: Self.typed(["the real task"]), prompt: TextBuffer().output(), command: "chorus")
        #expect(task == "the real task")
        let piped = TextInput(isTerminal: false, readAll: { "" }, readLine: { nil })
        #expect(throws: ChorusError.self) {
            try TaskInput.read(argument: "", stdin: piped, prompt: TextBuffer().output(), command: "chorus")
        }
        #expect(throws: ChorusError.self) {
            try TaskInput.read(argument: "", stdin: Self.typed(["x"]), prompt: nil, command: "chorus run")
        }
    }

    @Test func endOfInputAtThePlainPromptIsAUsageError() {
        #expect(throws: ChorusError.self) {
            try TaskInput.read(argument: nil, stdin: Self.typed([nil]), prompt: TextBuffer().output(), command: "chorus")
        }
    }

    @Test func theEditorsTaskIsUsedAndRecorded() throws {
        let home = TempDir()
        let history = TaskHistory(path: home.path + "/state/chorus/task-history")
        history.append("an older task")
        let seen = Mutex<[String]>([])
        var stdin = Self.typed([])
        stdin.editLine = { prompt, earlier in
            seen.withLock { $0 = [prompt] + earlier }
            return .task("line one\nline two")
        }
        let task = try TaskInput.read(argument: nil, stdin: stdin, prompt: TextBuffer().output(), command: "chorus", history: history)
        #expect(task == "line one\nline two")
        #expect(seen.withLock { $0 } == ["Task: ", "an older task"], "the editor got the prompt and the history")
        #expect(history.load() == ["an older task", "line one\nline two"])
    }

    @Test func leavingTheEditorIsInterruptedAndRecordsNothing() {
        let home = TempDir()
        let history = TaskHistory(path: home.path + "/task-history")
        var stdin = Self.typed([])
        stdin.editLine = { _, _ in .cancelled }
        #expect(throws: ChorusError("no task given; nothing was run", code: .interrupted)) {
            try TaskInput.read(argument: nil, stdin: stdin, prompt: TextBuffer().output(), command: "chorus", history: history)
        }
        #expect(history.load().isEmpty)
    }

    @Test func theHistoryIsBoundedNewestLastWithoutARepeatAndOwnerOnly() throws {
        let home = TempDir()
        let history = TaskHistory(path: home.path + "/deep/folder/task-history")
        for i in 0..<(TaskHistory.limit + 5) { history.append("task \(i)") }
        history.append("task \(TaskHistory.limit + 4)")
        let tasks = history.load()
        #expect(tasks.count == TaskHistory.limit)
        #expect(tasks.first == "task 5")
        #expect(tasks.last == "task \(TaskHistory.limit + 4)")
        let attributes = try FileManager.default.attributesOfItem(atPath: history.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func aDamagedHistoryLineIsSkippedNotFatal() {
        let home = TempDir()
        home.write("task-history", "\"good\"\nnot json\n\"also good\"\n")
        #expect(TaskHistory(path: home.path + "/task-history").load() == ["good", "also good"])
    }

    @Test func theHistoryLivesNextToTheSessions() {
        let paths = ChorusPaths(environment: ["XDG_STATE_HOME": "/s"], home: "/h")
        #expect(TaskHistory(paths: paths).path == "/s/chorus/task-history")
        #expect(paths.defaultSessionsDirectory == "/s/chorus/sessions")
    }
}
