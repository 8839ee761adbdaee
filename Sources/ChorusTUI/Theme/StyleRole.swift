/// What a cell is, for colouring: the vocabulary themes are written in.
///
/// The raw value is the key in a theme file's `[roles]` table.
public enum StyleRole: String, CaseIterable, Sendable, Hashable {
    /// Streamed model text, and the screen's background (its `bg` is every role's default `bg`).
    case text
    /// Secondary text: placeholders, scroll hints, the strategy cycle.
    case dimText = "dim_text"
    case border
    case borderFocused = "border_focused"
    case title
    case titleFocused = "title_focused"
    case accent
    /// A highlighted choice (the current strategy in the cycle line).
    case selection
    case statusWaiting = "status_waiting"
    case statusStreaming = "status_streaming"
    case statusSucceeded = "status_succeeded"
    case statusFailed = "status_failed"
    case statusTimedOut = "status_timed_out"
    case statusCancelled = "status_cancelled"
    case statusRetrying = "status_retrying"
    /// A model's reasoning ("thinking"): streamed while it thinks, then folded above the answer.
    /// Dimmer than `text` so it never reads as the answer, but still readable (at least 4.5:1 on
    /// the theme's background, WCAG 2.1's contrast minimum for text).
    case reasoning
    case answerBorder = "answer_border"
    case answerTitle = "answer_title"
    case answerText = "answer_text"
    /// A fallback answer, a quorum not met: what must not be mistaken for a good answer.
    case warning
    case keyLine = "key_line"
    case keyLineKey = "key_line_key"
    /// Short feedback after a key ("saved to ...").
    case message
    case helpBorder = "help_border"
    case helpText = "help_text"
    case helpKey = "help_key"
    /// The diff view (`d`): words only the second text has, and words only the first has. Told
    /// apart by attribute too (bold, underline), not by colour alone, for colour-blind readers
    /// and mono.
    case diffInserted = "diff_inserted"
    case diffDeleted = "diff_deleted"

    /// One letter per role, for the style map of grid snapshots.
    public var snapshotLetter: Character {
        switch self {
        case .text: "."
        case .dimText: "d"
        case .border: "b"
        case .borderFocused: "B"
        case .title: "t"
        case .titleFocused: "T"
        case .accent: "a"
        case .selection: "S"
        case .statusWaiting: "w"
        case .statusStreaming: "s"
        case .statusSucceeded: "k"
        case .statusFailed: "f"
        case .statusTimedOut: "o"
        case .statusCancelled: "c"
        case .statusRetrying: "r"
        case .reasoning: "R"
        case .answerBorder: "n"
        case .answerTitle: "N"
        case .answerText: "x"
        case .warning: "W"
        case .keyLine: "l"
        case .keyLineKey: "L"
        case .message: "m"
        case .helpBorder: "h"
        case .helpText: "p"
        case .helpKey: "H"
        case .diffInserted: "+"
        case .diffDeleted: "-"
        }
    }
}
