// Benchmarks that print figures. Never timed unit tests: a busy machine makes those flake.
//
//   swift run -c release chorus-bench engine      the engine's own overhead
//   swift run -c release chorus-bench providers   HTTP streaming against the fake server on loopback
//   swift run -c release chorus-bench ui          the UI thread's cost with 16 workers streaming
//   swift run -c release chorus-bench batch       chorus batch: items/s against the server's ideal, CPU, memory, --rpm
//   swift run -c release chorus-bench aggregation merging long answers: 64 x 100 KB, one 4 MiB answer
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let which = arguments.first ?? "engine"
let rest = Array(arguments.dropFirst())

switch which {
case "engine":
    await EngineBenchmark.run(arguments: rest)
case "providers":
    do { try await ProviderBenchmark.run(arguments: rest) } catch {
        FileHandle.standardError.write(Data("chorus-bench providers: \(error)\n".utf8))
        exit(1)
    }
case "ui":
    do { try await UIBenchmark.run(arguments: rest) } catch {
        FileHandle.standardError.write(Data("chorus-bench ui: \(error)\n".utf8))
        exit(1)
    }
case "batch":
    do { try await BatchBenchmark.run(arguments: rest) } catch {
        FileHandle.standardError.write(Data("chorus-bench batch: \(error)\n".utf8))
        exit(1)
    }
case "aggregation":
    await AggregationBenchmark.run(arguments: rest)
default:
    FileHandle.standardError.write(Data("chorus-bench: unknown benchmark '\(which)'; use one of: engine, providers, ui, batch, aggregation\n".utf8))
    exit(64)
}
