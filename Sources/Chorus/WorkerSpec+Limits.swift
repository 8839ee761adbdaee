extension WorkerSpec {
    /// The limits each attempt of this worker runs under, as its record keeps them: the one place
    /// a live view reads them from to say when a waiting worker gives up.
    public var limits: AttemptLimits { AttemptLimits(timeout: timeout, idleTimeout: idleTimeout, headTimeout: headTimeout) }
}
