import Testing
import OnlineLearning

/// Pins the Hoeffding tree's prequential accuracy on the SEA reference prefix to MOA's curve.
@Suite struct HoeffdingTreeGoldenTests {
    @Test func matchesMOAsCurveOnTheSEAPrefix() throws {
        let stream = try ReferenceStream.sea()
        var tree = try HoeffdingTree(header: ReferenceStream.header)
        let curve = ReferenceStream.prequentialAccuracy(&tree, on: stream)
        let moa = try ReferenceStream.moaAccuracyCurve("HT")
        for (point, reference) in zip(curve, moa) {
            #expect(point.instances == reference.instances)
            #expect(abs(point.accuracy - reference.accuracy) <= 0.5,
                    "at \(point.instances): \(point.accuracy) vs MOA \(reference.accuracy)")
        }
    }
}
