import Testing
@testable import OnlineLearning

@Suite struct BinaryCodingTests {
    @Test func headerRoundTripsThroughEnvelope() throws {
        let header = Header(attributes: [.numeric("a"), .nominal("b", values: ["x", "y"])], classes: ["p", "q"])
        let bytes = ModelEnvelope.encode(header, tag: "header")
        let back = try ModelEnvelope.decode(Header.self, tag: "header", from: bytes)
        #expect(back == header)
    }

    @Test func truncatedBytesAreAnErrorNotACrash() {
        let header = Header(attributes: [.numeric("a")], classes: ["p", "q"])
        let bytes = ModelEnvelope.encode(header, tag: "header")
        #expect(throws: ModelFormatError.self) {
            _ = try ModelEnvelope.decode(Header.self, tag: "header", from: Array(bytes.dropLast(3)))
        }
        #expect(throws: ModelFormatError.self) {
            _ = try ModelEnvelope.decode(Header.self, tag: "other", from: bytes)
        }
    }

    @Test func randomSourceIsRepeatableAndCopyable() {
        var a = RandomSource(seed: 42)
        _ = a.next()
        var b = a
        #expect(a.next() == b.next())
        var p = RandomSource(seed: 1)
        let mean = (0..<20_000).reduce(0) { acc, _ in acc + p.poisson(1) }
        #expect(abs(Double(mean) / 20_000 - 1) < 0.05)
    }
}
