// fake-llm-server: a scripted stand-in for an LLM provider, for end-to-end scripts, the UI's
// tmux test and benchmarks. See Sources/FakeLLMServer/README.md.
//
//   fake-llm-server [--host 127.0.0.1] [--port 0] [--script FILE] [--verbose]
//                   [--rpm N [--burst B] [--retry-after-ms MS]] [--storm AFTER:DURATION_MS:RETRY_AFTER_MS]
//
// Prints the bound port alone on the first line of stdout (so `--port 0` works from scripts),
// then serves until killed.

import FakeLLMServer
import Foundation

let usage = """
    usage: fake-llm-server [--host HOST] [--port PORT] [--script FILE.json] [--verbose]
                           [--rpm N [--burst B] [--retry-after-ms MS]] [--storm AFTER:DURATION_MS:RETRY_AFTER_MS]
      --host     address to listen on (default 127.0.0.1)
      --port     port to listen on; 0 picks a free one (default 0); the port is printed on stdout
      --script   JSON rules choosing each request's behaviour (see README.md); without it,
                 behaviour comes from the request's model name, e.g. "fail-500", "fail-first-2", "tokens-50"
      --verbose  one line per request on stderr

    Rate limits (server-wide, on chat requests only; they override the script's "rateLimit" and
    "storm", and turn a request away with HTTP 429 before any rule or directive is looked at):
      --rpm N              a token bucket refilled at N requests per minute (N/60 per second);
                           over it, HTTP 429 with retry-after-ms and Retry-After (seconds, rounded up)
      --burst B            the bucket's size: requests let through at once (default max(1, N/60))
      --retry-after-ms MS  the wait the 429s announce (default: the exact wait for the next token)
      --storm AFTER:DURATION_MS:RETRY_AFTER_MS
                           once AFTER chat requests were let through, every chat request for the
                           next DURATION_MS (from the first one turned away) gets HTTP 429 with
                           retry-after-ms RETRY_AFTER_MS; then normal service. E.g. --storm 50:2000:500
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("fake-llm-server: \(message)\n".utf8))
    exit(2)
}

var host = "127.0.0.1"
var port = 0
var script = FakeScript()
var verbose = false
var rpm: Int?
var burst: Int?
var retryAfterMs: Int?
var storm: FakeStorm?

/// `text` as an integer of at least `minimum`, else exit 2 naming `flag`.
func integer(_ text: String, for flag: String, atLeast minimum: Int, meaning: String) -> Int {
    guard let number = Int(text), number >= minimum else {
        fail("\(flag) '\(text)' is not \(meaning) (an integer of at least \(minimum))")
    }
    return number
}

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
    case "--rpm": rpm = integer(value(), for: "--rpm", atLeast: 1, meaning: "a number of requests per minute")
    case "--burst": burst = integer(value(), for: "--burst", atLeast: 1, meaning: "a number of requests")
    case "--retry-after-ms":
        retryAfterMs = integer(value(), for: "--retry-after-ms", atLeast: 0, meaning: "a number of milliseconds")
    case "--storm":
        let text = value()
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else {
            fail("--storm '\(text)' is not AFTER:DURATION_MS:RETRY_AFTER_MS (e.g. --storm 50:2000:500)")
        }
        storm = FakeStorm(
            afterRequests: integer(parts[0], for: "--storm's AFTER", atLeast: 0, meaning: "a number of requests"),
            durationMs: integer(parts[1], for: "--storm's DURATION_MS", atLeast: 1, meaning: "a number of milliseconds"),
            retryAfterMs: integer(parts[2], for: "--storm's RETRY_AFTER_MS", atLeast: 0, meaning: "a number of milliseconds")
        )
    case "--help", "-h":
        print(usage)
        exit(0)
    default: fail("unknown argument '\(argument)'\n\(usage)")
    }
}

if let rpm {
    script.rateLimit = FakeRateLimit(requestsPerMinute: rpm, burst: burst, retryAfterMs: retryAfterMs)
} else if burst != nil || retryAfterMs != nil {
    fail("--burst and --retry-after-ms shape the rate limit of --rpm; add --rpm N\n\(usage)")
}
if let storm { script.storm = storm }

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
