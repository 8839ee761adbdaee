@testable import Chorus

/// An error with a given description, for the state machine's error-text tests.
extension Worker.StateMachine {
    struct TestError: Error, CustomStringConvertible {
        var text = "boom"
        var description: String { text }
    }
}
