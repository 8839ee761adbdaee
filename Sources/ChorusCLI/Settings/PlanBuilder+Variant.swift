import Chorus

extension PlanBuilder {
    /// The settings of a variant rerun (README "Variant reruns"): `base` (the worker as it ran)
    /// with `change` applied. A provider change takes that provider's base URL and, unless a model
    /// is given, its default model; a model change alone keeps the provider and its base URL.
    /// The model is priced as the plan's are, and a hosted provider's key is checked up front.
    /// Errors are one line each (`ChorusError.usage`), naming the value and the fix.
    func variantSpec(from base: WorkerSpec, change: VariantChange) throws(ChorusError) -> WorkerSpec {
        let problems = change.problems()
        if !problems.isEmpty { throw .usage(problems.joined(separator: "; ")) }
        var spec = change.applyingSampling(to: base)
        if let provider = change.provider, provider != base.model.provider {
            guard loaded.catalog.entry(named: provider) != nil else {
                throw unknownProvider(provider, source: .flag("--provider"))
            }
            spec.model = try otherChoice(provider, model: change.model, for: "the variant of worker \(base.index + 1)")
        } else if let model = change.model, model != base.model.model {
            spec.model = ModelChoice(provider: base.model.provider, model: model, baseURL: base.model.baseURL)
        }
        if spec.model != base.model {
            spec.model.pricing = Pricing.lookup(spec.model, overrides: priceOverrides)
            try checkKeys(Plan(task: "variant", workers: [spec], aggregator: AggregatorSpec(model: spec.model)))
        }
        return spec
    }

    /// `variantSpec` as the UI's form calls it.
    public var variantResolver: VariantResolver {
        let builder = self
        return { base, change in
            do throws(ChorusError) {
                return .success(try builder.variantSpec(from: base, change: change))
            } catch {
                return .failure(VariantError(error.message))
            }
        }
    }
}
