import Chorus

/// Follow-up turns in the UI (issue 17): `f` opens a prompt line, Enter sends the follow-up to
/// every worker with the conversation so far; `[`/`]` show earlier turns, read-only.
///
/// Decisions: earlier turns are looked at, not acted on. `r`, `R`, `s`, `p` and `c` act on the
/// live (newest) turn, so while an earlier turn is shown they say how to get back (`]`); the
/// agreement view (`a`) and `T` work on the turn shown. `[`/`]` and `f` wait until nothing runs,
/// so a turn's events never land in another turn's panes.
extension UIState {
    /// The live turn's number (1-based): one more than the earlier turns.
    public var liveTurn: Int { earlierTurns.count + 1 }
    /// The turn on screen.
    public var shownTurn: Int { viewedTurn ?? liveTurn }
    /// "turn 2" on the panes and the answer: only once there is more than one turn.
    public var turnLabel: String? { liveTurn > 1 ? "turn \(shownTurn)" : nil }

    /// Keys while the follow-up prompt is open: the line editor's (Task prompt) keys; Enter
    /// sends, Esc or Ctrl-C closes it without sending. A paste is text here.
    mutating func handleFollowUpKey(_ key: Key) -> [UICommand] {
        guard var editor = followUp else { return [] }
        let input: LineEditor.Input
        switch key {
        case .character(let c): input = .character(c)
        case .paste(let text): input = .paste(text)
        case .left: input = .left
        case .right: input = .right
        case .home: input = .home
        case .end: input = .end
        case .up: input = .up
        case .down: input = .down
        case .enter: input = .enter
        case .escape, .interrupt:
            followUp = nil
            say("follow-up closed; nothing sent")
            return []
        case .backspace: input = .backspace
        case .tab, .backTab, .pageUp, .pageDown: input = .ignored
        }
        let action = editor.handle(input)
        followUp = editor
        switch action {
        case .redraw, .none:
            return []
        case .askAgain:
            say("type the follow-up, then Enter (Esc closes)")
            return []
        case .cancel:
            followUp = nil
            return []
        case .submit(let text):
            followUp = nil
            return askFollowUp(text)
        }
    }

    /// `f`: opens the prompt when the live turn has an answer and nothing runs; else one line
    /// saying what to do first.
    mutating func openFollowUp() {
        if let viewedTurn {
            say("turn \(viewedTurn) is an earlier turn; ] goes back to turn \(liveTurn), where f asks the follow-up")
        } else if isWorking {
            say("turn \(liveTurn) is still running; f asks a follow-up once it has an answer")
        } else if case .done = answer.phase {
            followUp = LineEditor()
        } else {
            say("turn \(liveTurn) has no answer; retry its workers (r, R) before a follow-up", role: .warning)
        }
    }

    /// The follow-up was typed: the live turn becomes an earlier one and fresh panes wait for the
    /// new turn's workers (the same plan, the follow-up as the task).
    mutating func askFollowUp(_ message: String) -> [UICommand] {
        guard let live = liveRecord,
            let plan = Conversation(turns: earlierTurns + [live]).nextPlan(message: message, mode: followUpMode)
        else {
            say("turn \(liveTurn) has no answer to follow up on", role: .warning)
            return []
        }
        earlierTurns.append(live)
        show(record: RunRecord(plan: plan, startedAt: live.startedAt), reopened: false)
        return [.followUp(message: message, mode: followUpMode)]
    }

    /// Keys about turns, and the live-turn actions refused while an earlier turn is shown; nil
    /// lets the usual handling go on.
    mutating func handleTurnKey(_ key: Key) -> [UICommand]? {
        switch key {
        case .character("f"), .character("F"):
            openFollowUp()
            return []
        case .character("["):
            showTurn(shownTurn - 1)
            return []
        case .character("]"):
            showTurn(shownTurn + 1)
            return []
        case .character("r"), .character("R"), .character("s"), .character("p"), .character("P"), .character("c"),
            .character("v"), .character("V"), .character("m"), .character("M"), .character("<"), .character(">"):
            guard let viewedTurn else { return nil }
            say("turn \(viewedTurn) is read-only; ] goes back to turn \(liveTurn), where r, R, s, p, c, v, < > and m act")
            return []
        default:
            return nil
        }
    }

    /// Shows turn `number` (1-based) from its record; the live turn comes back from the latest sync.
    mutating func showTurn(_ number: Int) {
        guard liveTurn > 1 else {
            say("there is one turn; f asks a follow-up")
            return
        }
        guard number >= 1 else { return say("turn 1 is the first turn") }
        guard number <= liveTurn else { return say("turn \(liveTurn) is the newest turn") }
        guard !isWorking else {
            return say("turn \(liveTurn) is still running; [ and ] show earlier turns once it ends")
        }
        guard let live = liveRecord else { return }
        let record = number == liveTurn ? live : earlierTurns[number - 1]
        show(record: record, reopened: true)
        viewedTurn = number == liveTurn ? nil : number
        liveRecord = live
        say(number == liveTurn ? "turn \(number), the newest" : "turn \(number) of \(liveTurn), read-only; ] goes forward")
    }

    /// Puts `record`'s workers and answer on screen in place of the current ones, as a new run
    /// (`reopened` false: every worker waiting) or a finished one would show.
    mutating func show(record: RunRecord, reopened: Bool) {
        let fresh = UIState(record: record, width: width, height: height, reopened: reopened)
        task = fresh.task
        panes = fresh.panes
        answer = fresh.answer
        strategy = fresh.strategy
        quorum = fresh.quorum
        runStarting = fresh.runStarting
        runCost = fresh.runCost
        runUsage = fresh.runUsage
        escalation = fresh.escalation
        liveRecord = reopened ? liveRecord : record
        agreement = nil
        taskViewTop = nil
        zoomed = false
        firstPaneRow = 0
        selection = reopened ? fresh.selection : 0
        clampSelection()
    }

    /// A controller call returned a record of another turn than the one on screen: the newest
    /// turn's record is kept for `]`; a turned-down follow-up puts the turn it came from back.
    /// Nil when the record is the shown turn's (the usual sync goes on).
    mutating func turnReturned(_ record: RunRecord, after command: UICommand?) -> [UICommand]? {
        if case .followUp = command, record.turn < liveTurn {
            // The controller refused the follow-up (it found the turn unanswered or busy).
            earlierTurns.removeLast(liveTurn - record.turn)
            viewedTurn = nil
            show(record: record, reopened: true)
            liveRecord = record
            say("the follow-up was not sent: turn \(record.turn) has no answer or is busy", role: .warning)
            return []
        }
        if record.turn < liveTurn {
            // A late answer about an earlier turn (nothing acts on one; kept as the record says).
            if earlierTurns.indices.contains(record.turn - 1) { earlierTurns[record.turn - 1] = record }
            return []
        }
        if viewedTurn != nil {
            liveRecord = record
            return []
        }
        return nil
    }
}
