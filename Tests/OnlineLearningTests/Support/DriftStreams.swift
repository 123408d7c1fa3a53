import OnlineLearning

/// Synthetic streams and checks shared by the drift-detector suites.
enum DriftStreams {
    /// A 0/1 stream that is Bernoulli(`before`) for `changeAt` values and Bernoulli(`after`) up to `count`.
    static func bernoulli(before: Double, after: Double, changeAt: Int, count: Int, seed: UInt64) -> [Double] {
        var random = RandomSource(seed: seed)
        return (0..<count).map { i in random.nextDouble() < (i < changeAt ? before : after) ? 1 : 0 }
    }

    /// A Gaussian stream with mean `before` for `changeAt` values, then mean `after`, standard deviation `sd`.
    static func gaussian(before: Double, after: Double, sd: Double = 1, changeAt: Int, count: Int, seed: UInt64) -> [Double] {
        var random = RandomSource(seed: seed)
        return (0..<count).map { i in (i < changeAt ? before : after) + sd * random.nextGaussian() }
    }

    /// The indices at which `detector` reports drift over `values`.
    static func detections<D: DriftDetector>(_ detector: inout D, _ values: [Double]) -> [Int] {
        var found: [Int] = []
        for (i, v) in values.enumerated() where detector.update(v) == .drift { found.append(i) }
        return found
    }

    /// The states `detector` reports over `values`.
    static func states<D: DriftDetector>(_ detector: inout D, _ values: some Sequence<Double>) -> [DriftState] {
        values.map { detector.update($0) }
    }

    /// Saves `detector` and reads it back through the binary format.
    static func roundTrip<D: DriftDetector>(_ detector: D) throws -> D {
        var writer = BinaryWriter()
        detector.encode(to: &writer)
        var reader = BinaryReader(writer.bytes)
        let back = try D(from: &reader)
        guard reader.isAtEnd else { throw ReferenceError("trailing bytes after \(D.self)") }
        return back
    }
}
