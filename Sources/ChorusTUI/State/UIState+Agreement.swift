import Chorus

/// The agreement view's keys and scrolling. `a` opens it from anywhere; `a`, Esc or `q` close it
/// (like a pager: `q` leaving the view is what a hand used to `less` expects, and Ctrl-C still
/// quits). `s`, `R`, `y` and `?` keep their meaning, so a person can switch the strategy and watch
/// the verdict change without leaving; keys that act on a selected pane say how to get back first.
extension UIState {
    /// Where the view's text goes: inside the sheet's border, one cell of padding each side.
    var agreementTextRect: Rect? {
        guard let sheet = Layout.sheet(width: width, height: height, statusLine: message != nil) else { return nil }
        return Rect(x: sheet.x + 2, y: sheet.y + 1, width: sheet.width - 4, height: sheet.height - 2)
    }

    /// The view's text, wrapped for the current size.
    var agreementRows: [StyledText.Row] {
        let names = panes.map(\.displayName)
        return StyledText.wrap(AgreementReport.paragraphs(answer.phase, names: names, task: task), width: agreementTextRect?.width ?? 1)
    }

    /// The first row shown: the stored one, pulled back when a resize or a shorter report left it
    /// past the end.
    var agreementTop: Int {
        guard let agreement else { return 0 }
        let height = agreementTextRect?.height ?? 1
        return max(0, min(agreement.scrollTop, agreementRows.count - height))
    }

    mutating func openAgreement() {
        agreement = AgreementView()
    }

    /// Keys while the view is open; nil hands the key to the usual handling.
    mutating func handleAgreementKey(_ key: Key) -> [UICommand]? {
        let page = max(1, (agreementTextRect?.height ?? 1) - 1)
        if let row = key.pagerRow(from: agreementTop, page: page) {
            scrollAgreement(to: row)
            return []
        }
        switch key {
        case .character("a"), .character("A"), .escape, .character("q"), .character("Q"):
            agreement = nil
        case .character("?"), .character("s"), .character("R"), .character("y"):
            return nil
        default:
            say("a or Esc closes the agreement view")
        }
        return []
    }

    mutating func scrollAgreement(to row: Int) {
        let height = agreementTextRect?.height ?? 1
        let bottom = max(0, agreementRows.count - height)
        agreement?.scrollTop = max(0, min(row, bottom))
    }
}
