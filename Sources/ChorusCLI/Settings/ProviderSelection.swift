extension LoadedSettings {
    /// Fills in the provider when no layer named one: `--base-url` alone means an OpenAI-compatible
    /// server; otherwise discovery. Nothing found is the "unreachable" exit with one message that
    /// says how to start the local model or set a key.
    public mutating func selectProvider(probe: LocalServerProbe) async throws(ChorusError) {
        guard settings.provider.value == nil else { return }
        if settings.baseURL.value != nil {
            settings.provider = Sourced("openai", .derived("implied by base_url (an OpenAI-compatible server)"))
            return
        }
        // A profile whose workers each name their provider needs no discovery: the first one
        // stands in as the run's main provider (the aggregator's, unless it names its own).
        if let list = settings.workerList, let first = list.first?.values.provider, list.allSatisfy({ $0.values.provider != nil }) {
            settings.provider = Sourced(first, .derived("the first listed worker's provider"))
            return
        }
        guard let found = await ProviderDiscovery.discover(environment: environment, catalog: catalog, probe: probe) else {
            throw ChorusError(ProviderDiscovery.nothingFoundMessage(catalog: catalog), code: .unreachable)
        }
        settings.provider = Sourced(found.provider, .discovered(found.reason))
        if settings.model.value == nil, let model = found.model {
            settings.model = Sourced(model, .discovered("first model listed by the server"))
        }
    }
}
