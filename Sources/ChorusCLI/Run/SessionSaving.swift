import Chorus

/// Saving after a run: automatically into the sessions folder (a failure is a warning), and to
/// `--save FILE` when asked (a failure is an error: exit 1, but the answer was already printed).
enum SessionSaving {
    static func save(
        _ record: RunRecord, loaded: LoadedSettings, savePath: String?, quiet: Bool, stderr: TextOutput, code: ChorusExitCode
    ) -> ChorusExitCode {
        var code = code
        if loaded.config.sessions.autosave {
            do {
                try SessionStore(directory: loaded.sessionsDirectory, keep: loaded.config.sessions.keep).autosave(record)
            } catch {
                if !quiet { stderr.line("chorus: warning: session not saved: \(error.message)") }
            }
        }
        if let savePath {
            do {
                try SessionStore.save(record, to: loaded.paths.expand(savePath))
            } catch {
                stderr.line("chorus: --save: \(error.message)")
                if code == .success { code = .failure }
            }
        }
        return code
    }
}
