/// What a variant rerun changes about a worker (README "Variant reruns"): each field nil keeps the
/// worker's value. The UI's form and `chorus open FILE --rerun N` both produce one; the CLI
/// resolves a provider or model change into a `ModelChoice` (base URL, price) with the config's
/// provider catalog, which the core does not know.
public struct VariantChange: Sendable, Hashable {
    /// A provider name from the catalog (built-in or `[providers.NAME]`); nil keeps the worker's.
    public var provider: String?
    /// A model name; nil keeps the worker's (or, with another provider, takes its default model).
    public var model: String?
    /// 0...2, as for `--temperature`; nil keeps the worker's.
    public var temperature: Double?
    /// nil keeps the worker's focus; "" removes it (the variant sends no focus system message).
    public var focus: String?
    /// nil keeps the worker's limit; `.some(nil)` removes it (the provider's default applies).
    public var maxTokens: Int??

    public init(
        provider: String? = nil, model: String? = nil, temperature: Double? = nil, focus: String? = nil,
        maxTokens: Int?? = nil
    ) {
        self.provider = provider
        self.model = model
        self.temperature = temperature
        self.focus = focus
        self.maxTokens = maxTokens
    }

    /// Nothing is changed: a rerun with it would repeat the worker as it is.
    public var isEmpty: Bool {
        provider == nil && model == nil && temperature == nil && focus == nil && maxTokens == nil
    }

    /// `spec` with the temperature, focus and max tokens changed. The model choice is left as it
    /// is: resolving a provider or model is the caller's (`PlanBuilder.variantSpec`).
    public func applyingSampling(to spec: WorkerSpec) -> WorkerSpec {
        var spec = spec
        if let temperature { spec.temperature = temperature }
        if let focus { spec.focus = focus.isEmpty ? nil : focus }
        if let maxTokens { spec.maxTokens = maxTokens }
        return spec
    }

    /// The problems with the values, one line each naming the field and the fix (empty when fine).
    public func problems() -> [String] {
        var problems: [String] = []
        if let temperature, !(0...2).contains(temperature) {
            problems.append("temperature \(temperature) is outside 0...2; give a number from 0 to 2")
        }
        if case .some(.some(let n)) = maxTokens, n < 1 {
            problems.append("max tokens \(n) must be at least 1; give a positive number, or \"none\" for no limit")
        }
        if let model, model.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append("model is empty; give a model name")
        }
        if let provider, provider.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append("provider is empty; give a provider name")
        }
        return problems
    }
}

/// Turns a worker's settings and a change into the variant's settings, or one line saying what
/// is wrong (unknown provider, missing key, a value out of range). The CLI builds it from the
/// config (`PlanBuilder.variantResolver`); the UI calls it when the form is submitted.
public typealias VariantResolver = @Sendable (WorkerSpec, VariantChange) -> Result<WorkerSpec, VariantError>

/// Why a variant could not be made: one line naming the problem and the fix.
public struct VariantError: Error, Sendable, Hashable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
