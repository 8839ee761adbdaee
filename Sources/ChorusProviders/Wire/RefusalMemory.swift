import NIOConcurrencyHelpers

/// What servers refused earlier in this process, so later requests to the same server and model
/// go without it from the start instead of each paying one refused round trip.
///
/// Why: `ParameterRefusal` works per call, so against llama-cpp-python (which answers a
/// `json_schema` response format with HTTP 500) every worker of every batch item sent a request
/// that was bound to be refused: 810 refused requests in one 162-item eval with 5 workers. A
/// refusal is a property of the server and the model, not of one request, so it is learned once
/// and applied to every later call (a new process learns afresh: a server may be upgraded).
///
/// Keyed by the chat URL and the model name; the value is the refused parameters in the order
/// they were refused (a form chain such as `StructuredForm`'s steps down in that order). Each
/// later call still records what it went without (`ChatChunk.notApplied`), saying the refusal
/// was learned earlier. Shared by every model through the process's `ProviderHTTPClient`.
final class RefusalMemory: Sendable {
    /// One refusal learned: the key `RequestAdjustments` leaves out, the setting it carried and
    /// the reason recorded when it was refused.
    struct Learned: Sendable, Hashable {
        var key: String
        var setting: String
        var reason: String
    }

    private struct Server: Hashable {
        var url: String
        var model: String
    }

    private let learned = NIOLockedValueBox<[Server: [Learned]]>([:])

    init() {}

    /// What requests to `url` for `model` go without, in the order it was learned.
    func refusals(url: String, model: String) -> [Learned] {
        learned.withLockedValue { $0[Server(url: url, model: model)] ?? [] }
    }

    /// Remembers one refusal (once: a second worker that learned the same is not added twice).
    func remember(_ refusal: Learned, url: String, model: String) {
        learned.withLockedValue { table in
            let server = Server(url: url, model: model)
            if table[server, default: []].contains(where: { $0.key == refusal.key }) { return }
            table[server, default: []].append(refusal)
        }
    }
}
