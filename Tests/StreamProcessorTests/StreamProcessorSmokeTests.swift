import Testing
@testable import StreamProcessor
