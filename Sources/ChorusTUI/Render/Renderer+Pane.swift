import Chorus

extension Renderer {
    static func drawPane(_ pane: PaneState, rect: Rect, focused: Bool, now: Int64, into grid: inout CellGrid) {
        let borderRole: StyleRole = focused ? .borderFocused : .border
        grid.box(rect, style: focused ? .heavy : .light, role: borderRole, fillRole: .text)
        guard rect.height >= 2 else { return }

        // Title: "1 cost · t 0.20 · smollm2 · try 2".
        // "try 2" comes before the model name, which is the first thing cut when space is short.
        var details = pane.attempt > 1 ? " · try \(pane.attempt)" : ""
        details += " · t \(Format.temperature(pane.spec.temperature)) · \(pane.spec.model.model)"
        let title = [Segment(pane.displayName + details, focused ? .titleFocused : .title)]
        grid.edgeLabel(title, rect: rect, y: rect.y, borderRole: borderRole)

        // Body.
        let inner = rect.inner
        let rows = pane.text.rowCount
        let top = UIState.top(scrollTop: pane.scrollTop, rows: rows, height: inner.height)
        if pane.text.isEmpty {
            drawPlaceholder(pane, in: inner, into: &grid)
        } else {
            grid.text(pane.text, top: top, in: inner, role: .text)
        }

        // Bottom edge: status on the left, scroll position on the right.
        let reserve = grid.scrollMarker(top: top, rows: rows, visible: inner.height, rect: rect, borderRole: borderRole)
        let room = rect.width - 4 - reserve
        grid.edgeLabel(status(pane, now: now, width: room), rect: rect, y: rect.maxY - 1, borderRole: borderRole, reserve: reserve)
    }

    /// The pane's status line for `width` cells: state (with a spinner while it streams), live
    /// elapsed time, time to first token, tokens and rate, or the error. When it does not fit,
    /// the least useful parts go first (rate, then time to first token); an error is shortened
    /// but the "r retry" hint stays.
    static func status(_ pane: PaneState, now: Int64, width: Int) -> [Segment] {
        let elapsed = pane.elapsedMs(now: now).map { " " + Duration.milliseconds($0).clockText } ?? ""
        let spinner = Format.spinner(now: now)
        if pane.request == .retry && !pane.isRunning {
            return [Segment("↻ retry requested…", .statusRetrying)]
        }
        if pane.request == .cancel && pane.isRunning {
            return [Segment("⊘ cancelling…", .statusCancelled)]
        }
        guard let status = pane.status else { return [Segment("· not started", .statusWaiting)] }
        let retryHint = [Segment(" · ", .dimText), Segment("r", .keyLineKey), Segment(" retry", .dimText)]
        switch status {
        case .waiting:
            if let retry = pane.providerRetry {
                let head = [Segment("↻ retrying \(retry.count)", .statusRetrying)]
                let tail = elapsed.isEmpty ? [] : [Segment(" ·" + elapsed, .dimText)]
                return shorten(head, detail: ": " + retry.reason, detailRole: .statusRetrying, tail: tail, width: width)
            }
            return [Segment("\(spinner) waiting\(elapsed)", .statusWaiting)]
        case .streaming:
            return fit([Segment("\(spinner) streaming\(elapsed)", .statusStreaming)], metrics(pane, now: now), width: width)
        case .succeeded:
            return fit([Segment("✓ done\(elapsed)", .statusSucceeded)], metrics(pane, now: now), width: width)
        case .failed:
            let error = pane.finished?.error.map { ": " + shortError($0) } ?? ""
            return shorten([Segment("✗ failed\(elapsed)", .statusFailed)], detail: error, detailRole: .statusFailed, tail: retryHint, width: width)
        case .timedOut:
            return shorten([Segment("◷ timed out\(elapsed)", .statusTimedOut)], detail: "", detailRole: .statusTimedOut, tail: retryHint, width: width)
        case .cancelled:
            return shorten([Segment("⊘ cancelled\(elapsed)", .statusCancelled)], detail: "", detailRole: .statusCancelled, tail: retryHint, width: width)
        }
    }

    /// The part of an error worth a status line: a provider's "openai at http://host/v1/...: "
    /// prefix names what the pane's title already says, so it goes (the body shows it all).
    static func shortError(_ error: String) -> String {
        let parts = error.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
        if parts.count == 4, parts[1] == "at", parts[2].hasSuffix(":"), parts[2].contains("://") {
            return String(parts[3])
        }
        return error
    }

    /// A metric of the status line and how long it stays when space is short (higher stays longer).
    struct Metric: Equatable {
        var text: String
        var keep: Int
    }

    /// Metrics in display order; dropped when space is short by `keep`: rate, first token, cost,
    /// tokens.
    static func metrics(_ pane: PaneState, now: Int64) -> [Metric] {
        var parts: [Metric] = []
        if let first = pane.firstTokenMs { parts.append(Metric(text: "first " + Duration.milliseconds(first).clockText, keep: 1)) }
        if let tokens = pane.tokens { parts.append(Metric(text: "\(tokens.approximate ? "~" : "")\(tokens.count) tok", keep: 3)) }
        if let cost = pane.progress.costText(pricing: pane.spec.model.pricing) { parts.append(Metric(text: cost, keep: 2)) }
        if let rate = pane.tokensPerSecond(now: now) { parts.append(Metric(text: Format.rate(rate), keep: 0)) }
        return parts
    }

    /// `head` plus as many of `parts` as fit, dropping the least kept first.
    static func fit(_ head: [Segment], _ parts: [Metric], width: Int) -> [Segment] {
        var parts = parts
        while true {
            let segments = parts.isEmpty ? head : head + [Segment(" · " + parts.map(\.text).joined(separator: " · "), .dimText)]
            if parts.isEmpty || CellGrid.width(of: segments) <= width { return segments }
            let least = parts.indices.min { parts[$0].keep < parts[$1].keep }!
            parts.remove(at: least)
        }
    }

    /// `head`, then `detail` cut with "…" so that `tail` still fits.
    static func shorten(_ head: [Segment], detail: String, detailRole: StyleRole, tail: [Segment], width: Int) -> [Segment] {
        let full = head + [Segment(detail, detailRole)] + tail
        if CellGrid.width(of: full) <= width { return full }
        let room = width - CellGrid.width(of: head + tail) - 1
        guard room >= 4 else { return head + tail }
        var cut = ""
        var used = 0
        for glyph in SafeText.line(detail) {
            if used + Int(glyph.width) > room { break }
            cut.append(glyph.character)
            used += Int(glyph.width)
        }
        return head + [Segment(cut + "…", detailRole)] + tail
    }

    static func drawPlaceholder(_ pane: PaneState, in inner: Rect, into grid: inout CellGrid) {
        let (text, role): (String, StyleRole)
        switch pane.status {
        case nil: (text, role) = ("waiting to start", .dimText)
        case .waiting?: (text, role) = ("waiting for the first token…", .dimText)
        case .streaming?: (text, role) = ("", .dimText)
        case .succeeded?: (text, role) = ("(the answer was empty)", .dimText)
        case .failed?, .timedOut?:
            (text, role) = (pane.finished?.error ?? "no text", pane.status == .failed ? .statusFailed : .statusTimedOut)
        case .cancelled?: (text, role) = ("cancelled before any text", .dimText)
        }
        grid.text(WrappedText(width: max(1, inner.width), text: text), top: 0, in: inner, role: role)
    }
}
