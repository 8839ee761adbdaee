import Foundation

/// Where the task comes from: the argument, standard input (`-`, or a pipe with no argument), or
/// a prompt line when a person runs `chorus` alone at a terminal.
public enum TaskInput {
    public static func read(
        argument: String?, stdin: TextInput, prompt: TextOutput?, command: String
    ) throws(ChorusError) -> String {
        let text: String
        if let argument, argument != "-" {
            text = argument
        } else if argument == "-" || !stdin.isTerminal {
            guard let piped = stdin.readAll() else {
                throw .usage("standard input is not UTF-8 text; pipe the task as text, or give it as an argument")
            }
            text = piped
        } else if let prompt {
            prompt.write("Task: ")
            guard let line = stdin.readLine() else { throw .usage("no task given; type a question at the prompt, or run \(command) \"TASK\"") }
            text = line
        } else {
            throw .usage("no task given; run \(command) \"TASK\", or pipe it: echo \"TASK\" | \(command)")
        }
        let task = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !task.isEmpty else {
            throw .usage("the task is empty; give the question as an argument or on standard input")
        }
        return task
    }
}
