import Testing
import OnlineLearning

/// Pins the Hoeffding adaptive tree's prequential accuracy on the SEA reference prefix to MOA's curve.
@Suite struct HoeffdingAdaptiveTreeGoldenTests {
    @Test func matchesMOAsCurveOnTheSEAPrefix() throws {
        let stream = try ReferenceStream.sea()
        var tree = try HoeffdingAdaptiveTree(header: ReferenceStream.header)
        let curve = ReferenceStream.prequentialAccuracy(&tree, on: stream)
        let moa = try ReferenceStream.moaAccuracyCurve("HAT")
        for (point, reference) in zip(curve, moa) {
            #expect(point.instances == reference.instances)
            #expect(abs(point.accuracy - reference.accuracy) <= 1,
                    "at \(point.instances): \(point.accuracy) vs MOA \(reference.accuracy)")
        }
    }
}
