import Chorus

extension PlanBuilder {
    /// The config's prices: `[prices."PROVIDER:MODEL"]` and each provider's `price_in`/`price_out`.
    public var priceOverrides: PriceOverrides {
        PriceOverrides(
            models: loaded.config.prices,
            providers: Dictionary(
                loaded.catalog.entries.compactMap { entry in entry.price.map { (entry.name, $0) } },
                uniquingKeysWith: { first, _ in first }))
    }

    /// Workers with their models priced (`--escalate`'s reserve).
    func priced(_ workers: [WorkerSpec]) -> [WorkerSpec] {
        let overrides = priceOverrides
        return workers.map { worker in
            var worker = worker
            worker.model.pricing = Pricing.lookup(worker.model, overrides: overrides)
            return worker
        }
    }

    /// The plan with every model choice (workers, aggregator, its fallbacks) priced, so the
    /// record says what each call cost and at which price (`Pricing.lookup`).
    func priced(_ plan: Plan) -> Plan {
        let overrides = priceOverrides
        func price(_ choice: ModelChoice) -> ModelChoice {
            var choice = choice
            choice.pricing = Pricing.lookup(choice, overrides: overrides)
            return choice
        }
        var plan = plan
        for i in plan.workers.indices { plan.workers[i].model = price(plan.workers[i].model) }
        plan.aggregator.model = price(plan.aggregator.model)
        plan.aggregator.fallbackModels = plan.aggregator.fallbackModels.map(price)
        return plan
    }
}
