import Chorus
import Foundation

/// The small form `v` opens on a worker's pane (README "Variant reruns"): the worker's model,
/// provider, temperature, focus and max tokens, each an editable line (`LineEditor`, the Task
/// prompt's editor, so the same keys edit it), prefilled with the values of the variant shown.
/// Tab/↓ and Shift-Tab/↑ move between fields, Enter runs the variant, Esc closes the form.
///
/// I/O-free like the editor: a key goes in, an outcome comes out; what was changed is read off
/// the fields against the values the form opened with, so an untouched field keeps the worker's
/// value (`VariantChange` nil) and a cleared focus or max tokens removes it.
public struct VariantForm: Sendable, Equatable {
    public enum Field: Int, CaseIterable, Sendable {
        case model, provider, temperature, focus, maxTokens

        public var label: String {
            switch self {
            case .model: "model"
            case .provider: "provider"
            case .temperature: "temperature"
            case .focus: "focus"
            case .maxTokens: "max tokens"
            }
        }
    }

    public enum Outcome: Sendable, Equatable {
        /// The form stays open (a field changed, or nothing happened).
        case editing
        /// Esc or Ctrl-C: closed, nothing runs.
        case cancelled
        /// Enter with valid values: run this change as a new variant.
        case submit(VariantChange)
    }

    /// The worker (from 0) the variant is of.
    public var worker: Int
    /// One editor per field, in `Field` order.
    public var editors: [LineEditor]
    /// The values the form opened with, in `Field` order: a field still equal to its original
    /// changes nothing.
    public var originals: [String]
    public var focused: Field = .model
    /// The last Enter's problem (one line), shown under the fields until the next key.
    public var problem: String?

    public init(worker: Int, spec: WorkerSpec) {
        self.worker = worker
        originals = [
            spec.model.model, spec.model.provider, Format.temperature(spec.temperature), spec.focus ?? "",
            spec.maxTokens.map(String.init) ?? "",
        ]
        editors = originals.map { value in
            var editor = LineEditor()
            _ = editor.handle(.paste(value))
            return editor
        }
    }

    public func text(_ field: Field) -> String { editors[field.rawValue].text }

    public mutating func handle(_ key: Key) -> Outcome {
        problem = nil
        let input: LineEditor.Input
        switch key {
        case .escape, .interrupt:
            return .cancelled
        case .tab, .down:
            focused = Field(rawValue: (focused.rawValue + 1) % Field.allCases.count)!
            return .editing
        case .backTab, .up:
            focused = Field(rawValue: (focused.rawValue + Field.allCases.count - 1) % Field.allCases.count)!
            return .editing
        case .enter:
            switch change() {
            case .success(let change): return .submit(change)
            case .failure(let error):
                problem = error.message
                return .editing
            }
        case .character(let c): input = .character(c)
        case .paste(let text): input = .paste(text.replacingOccurrences(of: "\n", with: " "))
        case .left: input = .left
        case .right: input = .right
        case .home: input = .home
        case .end: input = .end
        case .backspace: input = .backspace
        case .pageUp, .pageDown: input = .ignored
        }
        _ = editors[focused.rawValue].handle(input)
        return .editing
    }

    /// What the fields change, or the first field's problem (one line naming it and the fix).
    public func change() -> Result<VariantChange, VariantError> {
        func edited(_ field: Field) -> String? {
            let value = text(field).trimmingCharacters(in: .whitespaces)
            return value == originals[field.rawValue] ? nil : value
        }
        var change = VariantChange()
        if let model = edited(.model) {
            guard !model.isEmpty else { return .failure(VariantError("model is empty; type a model name")) }
            change.model = model
        }
        if let provider = edited(.provider) {
            guard !provider.isEmpty else { return .failure(VariantError("provider is empty; type a provider name")) }
            change.provider = provider
        }
        if let text = edited(.temperature) {
            guard let t = Double(text), (0...2).contains(t) else {
                return .failure(VariantError("temperature \"\(text)\" is not a number from 0 to 2"))
            }
            change.temperature = t
        }
        if let focus = edited(.focus) { change.focus = focus }
        if let text = edited(.maxTokens) {
            if text.isEmpty || text.lowercased() == "none" {
                change.maxTokens = .some(nil)
            } else if let n = Int(text), n > 0 {
                change.maxTokens = .some(n)
            } else {
                return .failure(VariantError("max tokens \"\(text)\" is not a whole number above 0; clear it for no limit"))
            }
        }
        guard !change.isEmpty else {
            return .failure(VariantError("nothing changed; edit a field (Tab moves), then Enter"))
        }
        return .success(change)
    }
}
