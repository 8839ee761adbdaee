import Chorus

extension SessionStore {
    /// The newest saved session's path, for `--last`; a one-line error naming the folder when
    /// there is none.
    static func newest(in directory: String) throws(ChorusError) -> String {
        guard let last = SessionStore(directory: directory).list().last else {
            throw .usage("--last: no saved sessions in \(directory); run chorus first, or give a session file")
        }
        return last
    }

    /// The session a command opens: `file`, or the newest with `--last`; both or neither is one
    /// line saying which to give.
    static func chosen(file: String?, last: Bool, loaded: LoadedSettings) throws(ChorusError) -> String {
        switch (file, last) {
        case (let file?, false): return loaded.paths.expand(file)
        case (nil, true): return try newest(in: loaded.sessionsDirectory)
        case (_?, true): throw .usage("give a session file or --last, not both")
        case (nil, false): throw .usage("give a session file, or --last for the newest (chorus sessions lists them)")
        }
    }
}
