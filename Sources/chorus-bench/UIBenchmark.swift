import Chorus
import ChorusTUI
import ChorusTestSupport
import Foundation
import Synchronization

/// The UI under a token flood: N workers streaming R chunks a second each, through the real
/// engine (`RunController` with in-memory scripted models) into the real curses backend on a
/// 200x60 "xterm-256color" terminal whose output is a pipe that only counts bytes.
///
/// Prints frames actually drawn per second, the UI thread's CPU time per second (target: under
/// 10% of one core), bytes written to the terminal per second, and events handled per second;
/// once with frame diffing (the default) and once handing curses every cell each frame.
///
///   chorus-bench ui [--workers 16] [--rate 200] [--seconds 10] [--width 200] [--height 60]
enum UIBenchmark {
    struct Settings {
        var workers = 16
        var rate = 200
        var seconds = 10
        var width = 200
        var height = 60
    }

    static func run(arguments: [String]) async throws {
        var settings = Settings()
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            let value = iterator.next().flatMap(Int.init)
            switch (flag, value) {
            case ("--workers", let v?) where v > 0: settings.workers = v
            case ("--rate", let v?) where v > 0: settings.rate = v
            case ("--seconds", let v?) where v > 0: settings.seconds = v
            case ("--width", let v?) where v > 0: settings.width = v
            case ("--height", let v?) where v > 0: settings.height = v
            default:
                throw BenchmarkError(
                    "chorus-bench ui: bad option \(flag); use --workers N --rate CHUNKS_PER_S --seconds S --width W --height H")
            }
        }
        print(
            "UI under load: \(settings.workers) workers x \(settings.rate) chunks/s for \(settings.seconds) s, "
                + "\(settings.width)x\(settings.height) xterm-256color on a pipe (release build recommended)")
        print("frame diff   frames/s  UI thread CPU  terminal bytes/s  events/s  cells to curses/s")
        for diff in [true, false] {
            let r = try await measure(settings, diffFrames: diff)
            print(
                pad(diff ? "on" : "off", 12), pad(String(format: "%.1f", r.framesPerSecond), 9),
                pad(String(format: "%.1f%% %@", r.cpuPercent, r.cpuPercent < 10 ? "ok" : "MISSED"), 14),
                pad(String(format: "%.1f KB", r.bytesPerSecond / 1000), 17), pad(String(format: "%.0f", r.eventsPerSecond), 9),
                String(format: "%.0f", r.cellsPerSecond))
        }
    }

    struct Result {
        var framesPerSecond: Double
        var cpuPercent: Double
        var bytesPerSecond: Double
        var eventsPerSecond: Double
        var cellsPerSecond: Double
    }

    static func measure(_ s: Settings, diffFrames: Bool) async throws -> Result {
        let input = try Pipe.make()
        let output = try Pipe.make()
        let counter = ByteCounter(fd: output.read)
        defer {
            close(input.write)
            close(input.read)
        }
        var options = TerminalUI.Options(
            theme: .builtInDefault, noColor: false,
            streams: .custom(input: input.read, output: output.write, terminalType: "xterm-256color", width: s.width, height: s.height))
        options.diffFrames = diffFrames
        let ui = try TerminalUI(options: options)

        let model = ModelChoice(provider: "bench", model: "scripted")
        let plan = Plan(
            task: "Describe the sea.", workerCount: s.workers, model: model, timeout: .seconds(Int64(s.seconds) + 60),
            idleTimeout: .seconds(30), aggregator: AggregatorSpec(strategy: .concatenate, model: model))
        // Chunks come in bursts every 50 ms (rate/20 at a time), so the rate holds without
        // thousands of sleeps a second; the UI sees them as separate events either way.
        let burst = max(1, s.rate / 20)
        let bursts = s.rate * s.seconds / burst
        let words = ["the ", "sea ", "is ", "wide, ", "grey ", "and ", "restless; ", "waves ", "fold ", "into ", "foam.\n"]
        var steps: [ScriptedModel.Step] = []
        for b in 0..<bursts {
            steps.append(.wait(.milliseconds(50)))
            for i in 0..<burst { steps.append(.text(words[(b * burst + i) % words.count])) }
        }
        let scripted = ScriptedModel(clock: ContinuousClock(), steps: steps)
        let controller = RunController(plan: plan, models: { _ in scripted }, events: ui.eventSink)

        async let outcome = ui.run(controller: controller, startRun: true)
        // Leave once the run is over: Ctrl-C quits at once.
        while await controller.record.status == .running {
            try await Task.sleep(for: .milliseconds(20))
        }
        var quit: [UInt8] = [3]
        _ = write(input.write, &quit, 1)
        let result = try await outcome
        close(output.write)
        let bytes = counter.finish()
        let stats = result.statistics
        let wall = max(0.001, stats.wallSeconds)
        return Result(
            framesPerSecond: Double(stats.frames) / wall, cpuPercent: stats.uiThreadCPUSeconds / wall * 100,
            bytesPerSecond: Double(bytes) / wall, eventsPerSecond: Double(stats.messages) / wall,
            cellsPerSecond: Double(stats.cellsWritten) / wall)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    struct BenchmarkError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    enum Pipe {
        static func make() throws -> (read: Int32, write: Int32) {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw BenchmarkError("pipe failed: errno \(errno)") }
            return (fds[0], fds[1])
        }
    }

    /// Drains a pipe on its own thread, counting bytes: the "terminal".
    final class ByteCounter: Sendable {
        private let count = Mutex(0)
        private let done = DispatchSemaphore(value: 0)
        private let fd: Int32

        init(fd: Int32) {
            self.fd = fd
            Thread.detachNewThread { [self] in
                var buffer = [UInt8](repeating: 0, count: 1 << 16)
                while true {
                    let n = read(fd, &buffer, buffer.count)
                    if n <= 0 { break }
                    count.withLock { $0 += n }
                }
                done.signal()
            }
        }

        /// Waits for the writer to close, then returns the total.
        func finish() -> Int {
            done.wait()
            close(fd)
            return count.withLock { $0 }
        }
    }
}
