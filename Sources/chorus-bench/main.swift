// Benchmarks that print figures. Never timed unit tests: a busy machine makes those flake.
//
//   swift run -c release chorus-bench engine      the engine's own overhead (issue: core)
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let which = arguments.first ?? "engine"
let rest = Array(arguments.dropFirst())

switch which {
case "engine":
    await EngineBenchmark.run(arguments: rest)
default:
    FileHandle.standardError.write(Data("chorus-bench: unknown benchmark '\(which)'; use one of: engine\n".utf8))
    exit(64)
}
