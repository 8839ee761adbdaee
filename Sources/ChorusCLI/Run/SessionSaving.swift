import Chorus

/// Saving after a run: automatically into the sessions folder (a failure is a warning), and to
/// `--save FILE` when asked (a failure is an error: exit 1, but the answer was already printed).
///
/// With `announce`, the file's path is one line on stderr ("chorus: session saved: PATH", the
/// `--save` file when given), so a person can `chorus open` or `chorus export` it later (issue
/// 14). The UI always announces; a headless run only at a terminal (stderr), never on stdout, so
/// `--json` output stays one JSON document.
enum SessionSaving {
    static func save(
        _ record: RunRecord, loaded: LoadedSettings, savePath: String?, quiet: Bool, stderr: TextOutput, code: ChorusExitCode,
        announce: Bool = false
    ) -> ChorusExitCode {
        save(Conversation(record), loaded: loaded, savePath: savePath, quiet: quiet, stderr: stderr, code: code, announce: announce)
    }

    /// Saves a conversation as `save(_: RunRecord, ...)` saves a run (a one-turn conversation is
    /// that run's file, byte for byte).
    static func save(
        _ conversation: Conversation, loaded: LoadedSettings, savePath: String?, quiet: Bool, stderr: TextOutput, code: ChorusExitCode,
        announce: Bool = false
    ) -> ChorusExitCode {
        var code = code
        var written: String?
        if loaded.config.sessions.autosave {
            do {
                written = try SessionStore(directory: loaded.sessionsDirectory, keep: loaded.config.sessions.keep).autosave(conversation)
            } catch {
                if !quiet { stderr.line("chorus: warning: session not saved: \(error.message)") }
            }
        }
        if let savePath {
            do {
                let path = loaded.paths.expand(savePath)
                try SessionStore.save(conversation, to: path)
                written = path
            } catch {
                stderr.line("chorus: --save: \(error.message)")
                if code == .success { code = .failure }
            }
        }
        if announce, !quiet, let written { stderr.line(line(written)) }
        return code
    }

    /// "chorus: session saved: PATH".
    static func line(_ path: String) -> String { "chorus: session saved: \(path)" }
}
