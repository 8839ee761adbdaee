import Chorus

/// Everything on screen, as one value. Changed only by `update(_:)` (the reducer), drawn only by
/// `Renderer`; neither touches the terminal, so both are tested without one.
public struct UIState: Sendable {
    /// A short line in the key line's place after a key press, until `until` (UI ms).
    public struct Message: Hashable, Sendable {
        public var text: String
        public var role: StyleRole
        public var until: Int64
        /// The worker the message is about ("retrying worker 2…"): it goes as soon as that
        /// worker's state changes (an attempt starts or ends), so it never outlives its cause.
        public var worker: Int?
        /// The message is about the merge ("cancelling the merge…"): it goes when a merge starts
        /// or ends.
        public var aboutMerge = false
        /// The message is about escalation ("escalating: +1 worker ..."): it goes when the
        /// escalation loop stops, a merge starts or the run ends, never lingering after them.
        public var aboutEscalation = false
    }

    public static let messageDuration: Int64 = 4000

    public var width: Int
    public var height: Int
    /// Milliseconds since the UI started (from `.tick`).
    public var now: Int64 = 0
    public var task: String
    public var panes: [PaneState]
    public var answer: AnswerState
    /// The strategy of the answer shown (or being made); `s` moves it to `.next`.
    public var strategy: StrategyName
    /// Workers needed for an answer: ceil(N/2).
    public var quorum: Int
    /// 0..<panes.count selects a worker; panes.count selects the answer area.
    public var selection = 0
    public var zoomed = false
    public var showHelp = false
    /// The first help line shown, when the help is longer than the screen (j/k, arrows, PgUp/PgDn).
    public var helpScroll = 0
    /// The agreement view (`a`) when open: who answered what, over the whole screen.
    public var agreement: AgreementView?
    /// The diff view (`d`) when open: two texts word by word, and the pairs' similarity.
    public var diff: DiffView?
    public var confirmingQuit = false
    /// The first row of the pane grid shown (when more rows exist than fit).
    public var firstPaneRow = 0
    public var message: Message?
    /// True from a new run's creation until its first worker starts, so `q` right away still asks.
    public var runStarting: Bool
    /// Set once the UI should close.
    public var hasQuit = false
    /// The user left while workers or the aggregation were still running.
    public var quitWhileRunning = false
    public var savedPaths: [String] = []
    /// `s` presses whose controller call has not returned yet.
    public var reaggregationsInFlight = 0
    /// What the run cost so far, every attempt and aggregation (from the controller's record);
    /// shown on the answer area's title. Empty for a plan made without prices.
    public var runCost = CostTotal()
    /// Tokens of every ended attempt and aggregation (the record's `totalUsage`, as of the last
    /// sync); the header adds the running attempts' live counts.
    public var runUsage = TokenUsage()
    /// Tokens and cost of everything but each worker's current attempt (earlier attempts and the
    /// aggregations), as of the last sync: the header adds each pane's current attempt live, so
    /// the total never drops while a worker that ended waits for the record (issue 14 follow-up).
    public var earlierUsage = TokenUsage()
    public var earlierCost = CostTotal()
    /// How many aggregations the last synced record held.
    public var aggregationsSeen = 0
    /// `aggregationsSeen` when the merge now running began: a record's aggregation at an index
    /// below it is an older merge and never shown as this merge's answer.
    public var mergeBaseline = 0
    /// The config profile the run came from (`RunRecord.profile`), for the header.
    public var profile: String?
    /// The task overlay (`T`) when open: the whole task, scrolled to this row.
    public var taskViewTop: Int?
    /// The user's choice of layout (`l`): true answer-first, false panes-first; nil follows the
    /// run (answer-first once every worker has ended and there is an answer).
    public var answerFirstChoice: Bool?
    /// The follow-up prompt line (`f`) while it is open: what is typed, edited as at the Task
    /// prompt (issue 17).
    public var followUp: LineEditor?
    /// What a follow-up sends as each worker's assistant turns (setting `follow_up`).
    public var followUpMode: FollowUpMode = .own
    /// The conversation's turns before the live one, oldest first, as their records last stood.
    public var earlierTurns: [RunRecord] = []
    /// The earlier turn shown (`[`/`]`, 1-based), read-only; nil shows the live turn.
    public var viewedTurn: Int?
    /// The live turn's record as of the last sync: what `]` comes back to.
    public var liveRecord: RunRecord?
    /// The variant form (`v`) when open (README "Variant reruns").
    public var variantForm: VariantForm?
    /// What `--escalate` did in the shown turn (`RunRecord.escalation`), for the answer's title.
    public var escalation: EscalationRecord?

    /// The state for a run's record: a new run (every worker waiting) or a reopened one
    /// (`reopened`: each pane shows its latest attempt from the start of its text).
    public init(record: RunRecord, width: Int, height: Int, reopened: Bool = false) {
        self.width = width
        self.height = height
        task = record.task
        profile = record.profile
        strategy = record.strategy
        quorum = record.quorum
        runStarting = !reopened && record.workers.allSatisfy { $0.attempts.isEmpty }
        let layout = Layout(width: width, height: height, workerCount: record.workers.count, answerVisible: false)
        panes = record.workers.map { worker in
            var pane = PaneState(spec: worker.spec, wrapWidth: layout.wrapWidths[worker.index])
            pane.escalated = worker.escalated
            if let latest = worker.latest {
                pane.progress = WorkerProgress(showing: latest)
                pane.text.replace(with: latest.text)
                pane.reasoning.replace(with: PaneState.shown(reasoning: latest.reasoning))
                if reopened { pane.scrollTop = 0 }
            }
            return pane
        }
        answer = AnswerState(wrapWidth: max(1, width - 2))
        syncRun(record)
        if reopened { answer.scrollTop = 0 }
        if answer.isVisible && reopened { selection = panes.count }
        clampSelection()
    }

    // MARK: - Derived

    public var zoomTarget: Layout.Zoom? {
        guard zoomed else { return nil }
        return selectsAnswer ? .answer : .worker(selection)
    }

    public var selectsAnswer: Bool { selection >= panes.count }

    /// The layout for the current size, answer and zoom.
    public var layout: Layout {
        let first = answerFirst
        return Layout(
            width: width, height: height, workerCount: panes.count, answerVisible: answer.isVisible,
            answerRows: answerBodyRows + (first ? answer.noteRows(width: max(1, width - 2)) : min(3, answer.notes.count)),
            zoom: zoomTarget,
            firstRow: firstPaneRow, answerFirst: first, statusLine: message != nil)
    }

    /// Whether the answer has the room (`Layout`'s answer-first): the user's choice (`l`), else
    /// once there is an answer and no worker runs any more.
    public var answerFirst: Bool {
        answerFirstChoice ?? (answer.isVisible && !panes.contains { $0.isRunning })
    }

    /// Whether anything is still running (or about to): quitting then asks first.
    public var isWorking: Bool {
        runStarting || answer.isMerging || panes.contains { $0.isRunning || $0.request == .retry }
    }

    public var succeededCount: Int { panes.filter { $0.status == .succeeded }.count }

    // MARK: - Housekeeping the reducer shares

    /// Re-wraps every text for the widths of the current layout (after a resize or a zoom).
    mutating func rewrapAll() {
        let layout = self.layout
        for i in panes.indices {
            panes[i].text.rewrap(width: layout.wrapWidths[i])
            panes[i].reasoning.rewrap(width: layout.wrapWidths[i])
        }
        answer.text.rewrap(width: layout.answerWrapWidth)
        keepSelectionVisible()
    }

    mutating func clampSelection() {
        let count = panes.count + (answer.isVisible ? 1 : 0)
        selection = count == 0 ? 0 : max(0, min(selection, count - 1))
        if !answer.isVisible && selectsAnswer { zoomed = false }
        keepSelectionVisible()
    }

    mutating func keepSelectionVisible() {
        let layout = self.layout
        firstPaneRow = layout.firstRow
        guard !selectsAnswer, !zoomed else { return }
        firstPaneRow = layout.firstRow(showing: selection, current: layout.firstRow)
    }

    /// Shows a message; `worker` or `aboutMerge` tie it to its cause (see `Message`).
    mutating func say(_ text: String, role: StyleRole = .message, worker: Int? = nil, aboutMerge: Bool = false) {
        message = Message(text: text, role: role, until: now + Self.messageDuration, worker: worker, aboutMerge: aboutMerge)
    }

    /// A warning from before the UI opened (`TerminalUI.Options.firstMessage`), shown as the
    /// first status message for twice the usual time.
    public mutating func sayFirst(_ text: String) {
        say(text, role: .warning)
        message?.until = now + 2 * Self.messageDuration
    }

    /// Drops a message about worker `w`: its state just changed, so the message no longer says
    /// what is true.
    mutating func forgetMessage(aboutWorker w: Int) {
        if message?.worker == w { message = nil }
    }

    /// Drops a message about the merge: a merge started or ended.
    mutating func forgetMergeMessage() {
        if message?.aboutMerge == true { message = nil }
    }

    /// Drops a message about escalation: the loop stopped, a merge started or the run ended.
    mutating func forgetEscalationMessage() {
        if message?.aboutEscalation == true { message = nil }
    }
}
