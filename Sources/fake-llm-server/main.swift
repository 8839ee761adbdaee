// fake-llm-server: a scripted stand-in for an LLM provider, for end-to-end scripts, the UI's
// tmux test and benchmarks. See Sources/FakeLLMServer/README.md.
//
//   fake-llm-server [--host 127.0.0.1] [--port 0] [--script FILE] [--verbose]
//
// Prints the bound port alone on the first line of stdout (so `--port 0` works from scripts),
// then serves until killed.

import FakeLLMServer
import Foundation

let usage = """
    usage: fake-llm-server [--host HOST] [--port PORT] [--script FILE.json] [--verbose]
      --host     address to listen on (default 127.0.0.1)
      --port     port to listen on; 0 picks a free one (default 0); the port is printed on stdout
      --script   JSON rules choosing each request's behaviour (see README.md); without it,
                 behaviour comes from the request's model name, e.g. "fail-500", "fail-first-2", "tokens-50"
      --verbose  one line per request on stderr
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("fake-llm-server: \(message)\n".utf8))
    exit(2)
}

var host = "127.0.0.1"
var port = 0
var script = FakeScript()
var verbose = false

var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    func value() -> String {
        guard let next = arguments.popFirst() else { fail("\(argument) needs a value\n\(usage)") }
        return next
    }
    switch argument {
    case "--host": host = value()
    case "--port":
        let text = value()
        guard let number = Int(text), (0...65535).contains(number) else { fail("--port '\(text)' is not a port number (0-65535)") }
        port = number
    case "--script":
        let path = value()
        guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read the script file \(path)") }
        do {
            script = try FakeScript.load(json: data)
        } catch {
            fail("the script \(path) is not valid: \(error)")
        }
    case "--verbose": verbose = true
    case "--help", "-h":
        print(usage)
        exit(0)
    default: fail("unknown argument '\(argument)'\n\(usage)")
    }
}

@Sendable func logLine(_ line: String) {
    FileHandle.standardError.write(Data("fake-llm-server: \(line)\n".utf8))
}
let log: (@Sendable (String) -> Void)? = verbose ? logLine : nil

let server: FakeLLMServer
do {
    server = try await FakeLLMServer.start(host: host, port: port, script: script, log: log)
} catch {
    fail("cannot listen on \(host):\(port): \(error)")
}
// Unbuffered, so a script reading the port does not wait for a buffer to fill.
FileHandle.standardOutput.write(Data("\(server.port)\n".utf8))
FileHandle.standardError.write(Data("fake-llm-server: listening on \(server.rootURL) (OpenAI base URL \(server.baseURL))\n".utf8))
await server.run()
