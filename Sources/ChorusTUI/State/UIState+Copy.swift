/// `Y`: copies the selected pane's text, or the answer, to the system clipboard (OSC 52) and a file.
extension UIState {
    mutating func copySelected() -> [UICommand] {
        let label = selectedWorkerName
        let text = selectsAnswer ? answer.text.source : panes[selection].text.source
        guard !text.isEmpty else {
            say("\(label) has no text to copy yet")
            return []
        }
        return [.copy(text: text, label: label)]
    }
}
