import ChorusTestSupport
import Foundation

/// posix_spawn with stdout (and stderr) to a pipe or /dev/null, stdin from /dev/null.
enum Spawn {
    static func start(_ argv: [String], capture: Bool = true) throws -> (pid: pid_t, output: Int32) {
        var fds: [Int32] = [-1, -1]
        if capture { guard pipe(&fds) == 0 else { throw TmuxRig.RigError("pipe failed") } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capture {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addclose(&actions, fds[0])
            posix_spawn_file_actions_addclose(&actions, fds[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        // The calling thread is a pool thread with most signals blocked, and a child inherits that
        // mask: tmux could then never stop its pane (SIGHUP) nor be stopped (SIGTERM).
        var pid: pid_t = 0
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        let result = SignalSpawn.withAttributes { attributes in
            posix_spawn(&pid, argv[0], &actions, &attributes, cArgs, environ)
        }
        if capture { close(fds[1]) }
        guard result == 0 else {
            if capture { close(fds[0]) }
            throw TmuxRig.RigError("cannot start \(argv[0]): error \(result)")
        }
        return (pid, fds[0])
    }

    /// Runs to the end; returns the exit status and what it printed.
    @discardableResult
    static func run(_ argv: [String], capture: Bool = true) -> (status: Int32, output: String) {
        guard let (pid, output) = try? start(argv, capture: capture) else { return (-1, "") }
        var data: [UInt8] = []
        if capture {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(output, &buffer, buffer.count)
                if n <= 0 { break }
                data.append(contentsOf: buffer[0..<n])
            }
            close(output)
        }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return (status, String(decoding: data, as: UTF8.self))
    }
}
