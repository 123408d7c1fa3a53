import Testing
import OnlineLearning

/// Pins naive Bayes, the Hoeffding tree and the Hoeffding adaptive tree to MOA's curves on MOA's Agrawal stream
/// (numeric and nominal attributes) and LED stream (24 nominal attributes, 10 classes).
@Suite struct NominalStreamGoldenTests {
    static func check<C: Classifier>(_ learner: inout C, _ name: String, _ moaName: String, tolerance: Double,
                                     stream: [(x: Instance, label: Int)]) throws {
        let curve = ReferenceStream.prequentialAccuracy(&learner, on: stream, every: 2_000)
        let moa = try MOAGeneratorStreams.moaCurve(name, moaName)
        #expect(curve.count == moa.count)
        for (point, reference) in zip(curve, moa) {
            #expect(point.instances == reference.instances)
            #expect(abs(point.accuracy - reference.accuracy) <= tolerance,
                    "\(moaName) on \(name) at \(point.instances): \(point.accuracy) vs MOA \(reference.accuracy)")
        }
    }

    @Test(arguments: ["AgrawalGenerator", "LEDGenerator"])
    func matchesMOAsCurves(_ name: String) throws {
        let (header, stream) = try MOAGeneratorStreams.load(name)
        var nb = NaiveBayes(header: header)
        try Self.check(&nb, name, "NB", tolerance: 0.5, stream: stream)
        var ht = try HoeffdingTree(header: header)
        try Self.check(&ht, name, "HT", tolerance: 0.5, stream: stream)
        var hat = try HoeffdingAdaptiveTree(header: header)
        try Self.check(&hat, name, "HAT", tolerance: 1, stream: stream)
    }
}
