import Testing
@testable import ChorusTUI
