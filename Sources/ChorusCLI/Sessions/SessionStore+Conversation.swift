import Chorus
import Foundation

/// Conversations in session files (issue 17). The file is `Conversation`'s JSON: the newest turn
/// flat, as a one-turn record always was, plus `turn` and `earlier_turns` when there are more, so
/// a one-turn session is written exactly as before and an older file reads as one turn.
extension SessionStore {
    /// Writes `conversation` to `path` atomically (pretty JSON, one object).
    public static func save(_ conversation: Conversation, to path: String) throws(ChorusError) {
        let data: Data
        do { data = try conversation.jsonData(pretty: true) + Data("\n".utf8) } catch {
            throw ChorusError("could not encode the conversation (\(error))", code: .failure)
        }
        try AtomicFile.write(data, to: path)
    }

    /// Saves under `directory` (named after the first turn), then prunes; returns the path.
    @discardableResult
    public func autosave(_ conversation: Conversation) throws(ChorusError) -> String {
        let path = directory + "/" + Self.fileName(for: conversation.turns[0])
        try Self.save(conversation, to: path)
        prune()
        return path
    }

    /// Reads every turn of a saved session; an older (one-turn) file is one turn.
    public static func loadConversation(_ path: String) throws(ChorusError) -> Conversation {
        try decodeFile(path, as: Conversation.self)
    }

    /// The session `--continue` names: `last` for the newest in the sessions folder, else a path.
    static func continued(_ name: String, loaded: LoadedSettings) throws(ChorusError) -> String {
        name == "last" ? try newest(in: loaded.sessionsDirectory) : loaded.paths.expand(name)
    }
}
