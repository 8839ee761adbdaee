import Chorus
import ChorusProviders

/// Models over HTTP: the process's one `ProviderHTTPClient` (sized to the run), the providers'
/// `makeModel`, and their discovery probe. Keys go from the environment straight into
/// `ProviderSettings`, which never prints them.
enum LiveProviders {
    static func runtime(_ loaded: LoadedSettings, connections: Int) -> ModelRuntime {
        let http = ProviderHTTPClient(maxConnectionsPerHost: connections)
        let counter = UnreachableCounter { ($0 as? ProviderError)?.isUnreachable ?? false }
        let catalog = loaded.catalog
        let environment = loaded.environment
        /// `retriesPushback: false` for a batch, whose rate limiter handles 429s for every call.
        @Sendable func model(_ choice: ModelChoice, retriesPushback: Bool) throws -> any ChatModel {
            var settings = try providerSettings(for: choice, catalog: catalog, environment: environment)
            settings.retry.retriesPushback = retriesPushback
            return counter.observing(try makeModel(settings, http: http))
        }
        return ModelRuntime(
            factory: { try model($0, retriesPushback: true) },
            probe: { baseURL in
                // Only a server that lists models counts: a web page on :8080 is not a model server.
                switch await ServerProbe.openAICompatible(baseURL: baseURL, http: http, timeout: .seconds(1)) {
                case .available(let models): ServerProbeAnswer(models: models)
                case .answered, .unreachable: nil
                }
            },
            shutdown: { try? await http.shutdown() },
            unreachableFailures: { counter.value },
            pacedFactory: { try model($0, retriesPushback: false) },
            pushback: { error in
                guard let error = error as? ProviderError, error.isPushback else { return nil }
                return Pushback(retryAfter: error.retryAfter, summary: error.summary)
            })
    }

    static func providerSettings(
        for choice: ModelChoice, catalog: ProviderCatalog, environment: [String: String]
    ) throws(UnknownProvider) -> ProviderSettings {
        guard let entry = catalog.entry(named: choice.provider) else { throw UnknownProvider(name: choice.provider) }
        return ProviderSettings(
            kind: entry.kind,
            baseURL: choice.baseURL ?? entry.baseURL,
            apiKey: ProviderCatalog.apiKey(of: entry, environment: environment),
            apiKeyVariable: entry.apiKeyVariable,
            extraHeaders: entry.headers)
    }

    /// A reopened session names a provider this machine's settings do not define.
    struct UnknownProvider: Error, CustomStringConvertible {
        var name: String
        var description: String {
            "provider '\(name)' is not configured here; define [providers.\(name)] in the config file to retry this worker"
        }
    }
}
