import Chorus
import Testing

/// The suites for batch input (items, template, shard, hash), nested here so that their names
/// start with "Batch" (`swift test --filter Batch`) and their helpers (in Support/) stay out of
/// the module's global namespace, which other test files share.
@Suite("Batch input")
enum BatchInputTests {}
