/// The run's structured answer (`--schema`), read from the record.
extension RunRecord {
    /// The schema the workers were held to; nil for a free-text run. Every worker of a run has
    /// the same one (`PlanBuilder` sets it on each), so the first worker's is the run's.
    public var schema: StructuredSchema? { workers.first?.spec.schema }

    /// The latest aggregation's structured outcome, when the run succeeded with a schema.
    public var structured: StructuredOutcome? { status == .succeeded ? latestAggregation?.structured : nil }

    /// True when the merged object should be looked at by a person (a required field's
    /// agreement under `--min-agreement`).
    public var needsReview: Bool { structured?.needsReview ?? false }
}
