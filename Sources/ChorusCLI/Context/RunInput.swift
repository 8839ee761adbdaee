import Chorus

/// What a run is asked: the task (argument, stdin or the prompt line: `TaskInput`) and the text
/// attached to it (`-f/--file`, and stdin piped beside a task argument: `ContextReader`).
struct RunInput {
    var task: String
    var context: PromptContext?
    /// A line for stderr about stdin left unread (a silent pipe); nil otherwise.
    var note: String?

    /// Reads the task, then the context. Stdin is the task when the task is `-` (or missing with a
    /// pipe), as before; beside a task argument, text piped on stdin is attached as a block named
    /// `stdin` (the bug of issue 17: it was dropped). `-f -` attaches stdin explicitly.
    static func read(
        argument: String?, files: [String], keepsText: Bool, limits: ContextLimits, paths: ChorusPaths,
        stdin: TextInput, prompt: TextOutput?, command: String, history: TaskHistory? = nil
    ) throws(ChorusError) -> RunInput {
        let stdinIsTask = argument == "-" || (argument == nil && !stdin.isTerminal)
        if stdinIsTask, files.contains("-") {
            throw .usage("standard input is already the task; give the task as an argument to attach stdin with -f -")
        }
        if files.filter({ $0 == "-" }).count > 1 {
            throw .usage("--file - is given twice; standard input can be attached once")
        }
        let task = try TaskInput.read(argument: argument, stdin: stdin, prompt: prompt, command: command, history: history)
        var piped: String?
        var note: String?
        if !stdinIsTask, argument != nil, !files.contains("-") {
            switch stdin.readPiped() {
            case .none: break
            case .text(let text): piped = text.allSatisfy(\.isWhitespace) ? nil : text
            case .notText:
                throw .usage("standard input is not UTF-8 text; pipe text beside the task, or attach text files with -f FILE")
            case .silent:
                note = "note: standard input gave nothing for 2 s, so it was not attached; use -f - to wait for it"
            }
        }
        let reader = ContextReader(limits: limits, expand: paths.expand)
        var context = try reader.read(files: files, piped: piped, stdin: stdin)
        context?.keepsText = keepsText
        return RunInput(task: task, context: context, note: note)
    }

    /// `plan` with this input's context, and the warnings to print: the note, and the prompt
    /// size against `context_length`.
    func attach(to plan: inout Plan, limits: ContextLimits) -> [String] {
        plan.context = context
        return [note, limits.warning(prompt: plan.prompt).map { "warning: \($0)" }].compactMap { $0 }
    }
}
