/// The agreement view (`a`): who answered what in the latest aggregation, the majority and the
/// minority side by side, how the answer was made and what to be wary of. A merged answer reads
/// as one voice; this view is where a person sees that the workers did not all say the same.
///
/// The state is only where the view is scrolled to; what it shows is derived from the answer
/// (`AgreementReport`), so a new aggregation arriving while it is open (after `s` or `R`) shows at once.
public struct AgreementView: Hashable, Sendable {
    /// The first wrapped row shown.
    public var scrollTop = 0

    public init(scrollTop: Int = 0) {
        self.scrollTop = scrollTop
    }
}
