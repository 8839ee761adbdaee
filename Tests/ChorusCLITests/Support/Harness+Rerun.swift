import Chorus

extension Harness {
    /// A fresh harness (new output buffers) over the same home folder.
    static func rerun(_ h: Harness, models: ModelFactory? = nil) -> Harness {
        var next = Harness(reusing: h.home)
        next.models = models ?? h.models
        return next
    }
}
