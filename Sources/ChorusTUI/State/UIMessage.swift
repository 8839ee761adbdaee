import Chorus

/// Everything that can change the screen, as one type: engine events, keys, time, size, and the
/// results of commands the backend carried out.
public enum UIMessage: Sendable {
    case run(RunEvent)
    case key(Key)
    /// Milliseconds since the UI started, on the UI's own clock. Drives spinners, live elapsed
    /// times and message expiry.
    case tick(now: Int64)
    case resize(width: Int, height: Int)
    /// The answer was written to `path`.
    case saved(path: String)
    case saveFailed(String)
    /// `Y`: `label`'s text went to the terminal as OSC 52 (`clipboard`; false when too long for
    /// it) and to the file at `path`.
    case copied(label: String, path: String, clipboard: Bool)
    case copyFailed(String)
    /// A controller call returned this record: `command` is the call (nil for `start`). Besides
    /// syncing, it clears what the controller turned down or already finished: "retry
    /// requested…" marks, and a "merging" that no event will end.
    case controllerReturned(RunRecord, after: UICommand?)
    /// A variant rerun could not start: its settings did not resolve (unknown provider, missing
    /// key); `reason` is one line naming the problem and the fix.
    case rerunRefused(worker: Int, reason: String)
    /// SIGINT, SIGTERM or SIGHUP arrived: leave now, keeping the run so far.
    case terminate(signal: Int32)
}

/// What the reducer asks the outside world to do. The backend carries each one out by calling the
/// run controller from a task, so the UI thread never waits on the engine.
public enum UICommand: Hashable, Sendable {
    case retry(worker: Int)
    case retryFailed
    case cancel(worker: Int)
    case cancelAll
    case reaggregate(StrategyName)
    /// Accept the worker's partial answer into the merge and merge again (nothing re-runs).
    case acceptPartial(worker: Int)
    /// Rerun the worker with `change` as a new variant (README "Variant reruns").
    case rerun(worker: Int, change: VariantChange)
    /// Retry one variant of a worker (the one its pane shows, when that is not the merged one).
    case retryVariant(worker: Int, variant: Int)
    /// Merge this variant of the worker instead (nothing re-runs).
    case chooseVariant(worker: Int, variant: Int)
    /// Cancel the running merge: it falls back as a failed merge does, and says so.
    case cancelMerge
    /// Write `text` to a new file and report `.saved(path:)` or `.saveFailed`.
    case saveAnswer(text: String)
    /// `Y`: put `text` on the system clipboard through the terminal (OSC 52, written by the UI
    /// thread with the screen) and save it to a new file, reporting `.copied` or `.copyFailed`.
    /// `label` names it in the message ("worker 2", "the answer").
    case copy(text: String, label: String)
    /// Leave the UI; `cancelAll` comes first when work was still running.
    case quit
    /// Ask a follow-up: a new turn with `message` after the conversation so far (issue 17).
    case followUp(message: String, mode: FollowUpMode)
}
