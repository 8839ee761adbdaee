import Chorus

/// The limits on text attached with `-f/--file` or piped beside a task, from the settings
/// `file_max_bytes`, `context_max_bytes` and `context_length` (README "Context from files and stdin").
public struct ContextLimits: Sendable, Hashable {
    /// 200 KB: a long document (about 50 000 tokens), yet short of a model's whole window.
    public static let defaultFileMaxBytes = 200_000
    /// 1 MB in all.
    public static let defaultTotalMaxBytes = 1_000_000

    public var fileMaxBytes: Int
    public var totalMaxBytes: Int
    /// The model's context length in tokens; nil: no warning.
    public var contextLength: Int?

    public init(fileMaxBytes: Int = defaultFileMaxBytes, totalMaxBytes: Int = defaultTotalMaxBytes, contextLength: Int? = nil) {
        self.fileMaxBytes = fileMaxBytes
        self.totalMaxBytes = totalMaxBytes
        self.contextLength = contextLength
    }

    init(_ settings: EffectiveSettings) {
        self.init(
            fileMaxBytes: settings.fileMaxBytes.value, totalMaxBytes: settings.contextMaxBytes.value,
            contextLength: settings.contextLength.value)
    }

    /// The warning for a prompt near or over `contextLength`: estimated at 4 bytes a token
    /// (`RunEstimate.tokens(in:)`), warned from 90 % since the answer needs room too. Nil when
    /// no length is set or the prompt fits.
    public func warning(prompt: String) -> String? {
        guard let length = contextLength else { return nil }
        let tokens = RunEstimate.tokens(in: prompt)
        guard tokens * 10 >= length * 9 else { return nil }
        return "the prompt is about \(tokens) tokens (4 bytes a token), near or over context_length \(length); "
            + "the model may cut or refuse it: attach less, or raise context_length if the model takes more"
    }
}
