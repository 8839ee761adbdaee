import Foundation

/// Where the task comes from: the argument, standard input (`-`, or a pipe with no argument), or
/// a prompt line when a person runs `chorus` alone at a terminal.
public enum TaskInput {
    ///
    /// At the prompt, a terminal stdin gets the line editor (`LineEditor`: shell keys, Up/Down
    /// through `history`, a multi-line paste as one task); an empty task asks again; Ctrl-C or
    /// Ctrl-D on an empty line leaves (exit 130, nothing ran). The task given is added to
    /// `history`.
    public static func read(
        argument: String?, stdin: TextInput, prompt: TextOutput?, command: String, history: TaskHistory? = nil
    ) throws(ChorusError) -> String {
        let text: String
        // A blank argument at a terminal (`chorus ""`) is no task given: the prompt asks for it,
        // as with no argument at all (issue 14 follow-up).
        let blankAtPrompt = argument.map { $0.allSatisfy(\.isWhitespace) } == true && stdin.isTerminal && prompt != nil
        if let argument, argument != "-", !blankAtPrompt {
            text = argument
        } else if argument == "-" || !stdin.isTerminal {
            guard let piped = stdin.readAll() else {
                throw .usage("standard input is not UTF-8 text; pipe the task as text, or give it as an argument")
            }
            text = piped
        } else if let prompt {
            text = try ask(stdin: stdin, prompt: prompt, command: command, history: history)
            history?.append(text.trimmingCharacters(in: .whitespacesAndNewlines))
        } else {
            throw .usage("no task given; run \(command) \"TASK\", or pipe it: echo \"TASK\" | \(command)")
        }
        let task = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !task.isEmpty else {
            throw .usage("the task is empty; give the question as an argument or on standard input")
        }
        return task
    }

    /// The prompt: the line editor when the terminal allows it, else a plain line; either way an
    /// empty answer asks again.
    static func ask(stdin: TextInput, prompt: TextOutput, command: String, history: TaskHistory?) throws(ChorusError) -> String {
        if let edit = stdin.editLine, let result = edit("Task: ", history?.load() ?? []) {
            switch result {
            case .task(let text): return text
            case .cancelled: throw ChorusError("no task given; nothing was run", code: .interrupted)
            }
        }
        while true {
            prompt.write("Task: ")
            guard let line = stdin.readLine() else { throw .usage("no task given; type a question at the prompt, or run \(command) \"TASK\"") }
            if !line.allSatisfy(\.isWhitespace) { return line }
            prompt.write("the task is empty; type a question (Ctrl-D leaves)\n")
        }
    }
}
