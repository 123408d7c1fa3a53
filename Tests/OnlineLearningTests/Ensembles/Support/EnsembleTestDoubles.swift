import OnlineLearning

/// A small Gaussian naive Bayes over numeric attributes, standing in as the ensembles' base learner in tests
/// that must not depend on the tree learners.
struct TestGaussianNB: Classifier {
    let header: Header
    private(set) var trainingWeight: Double = 0
    private var classWeight: [Double]
    private var mean: [Double]      // class-major: [class * attributes + attribute]
    private var squares: [Double]   // weighted sum of squared deviations

    init(header: Header) {
        self.header = header
        classWeight = Array(repeating: 0, count: header.classCount)
        mean = Array(repeating: 0, count: header.classCount * header.attributeCount)
        squares = mean
    }

    mutating func learn(_ x: Instance, label: Int, weight: Double) {
        guard accepts(label: label, weight: weight) else { return }
        trainingWeight += weight
        classWeight[label] += weight
        let n = header.attributeCount
        for a in 0..<n where !x.isMissing(a) {
            let i = label * n + a
            let delta = x[a] - mean[i]
            mean[i] += weight * delta / classWeight[label]
            squares[i] += weight * delta * (x[a] - mean[i])
        }
    }

    func probabilities(for x: Instance) -> [Double] {
        var p = [Double](repeating: 0, count: header.classCount)
        guard trainingWeight > 0 else { normalize(&p); return p }
        let n = header.attributeCount
        for c in p.indices where classWeight[c] > 0 {
            var logP = (classWeight[c] / trainingWeight).log
            for a in 0..<n where !x.isMissing(a) {
                let i = c * n + a
                let variance = max(squares[i] / classWeight[c], 1e-3)
                let d = x[a] - mean[i]
                logP += -0.5 * (d * d / variance) - 0.5 * variance.log
            }
            p[c] = logP
        }
        let top = p.indices.filter { classWeight[$0] > 0 }.map { p[$0] }.max() ?? 0
        for c in p.indices { p[c] = classWeight[c] > 0 ? (p[c] - top).exp : 0 }
        normalize(&p)
        return p
    }

    func encode(to writer: inout BinaryWriter) {
        writer.write(header); writer.write(trainingWeight)
        writer.write(classWeight); writer.write(mean); writer.write(squares)
    }

    init(from reader: inout BinaryReader) throws {
        header = try reader.read(); trainingWeight = try reader.read()
        classWeight = try reader.read(); mean = try reader.read(); squares = try reader.read()
    }
}

/// A crude windowed change detector for tests: drift when the recent window's error rate exceeds the long-run
/// rate by a margin; after a drift only the window is remembered (like ADWIN dropping the old part).
struct TestWindowDetector: DriftDetector {
    var window = 300
    var margin = 0.1
    private var recent: [Double] = []
    private var next = 0
    private var total = 0.0
    private var count = 0.0

    init() {}

    var estimation: Double { recent.isEmpty ? 0 : recent.reduce(0, +) / Double(recent.count) }

    mutating func update(_ value: Double) -> DriftState {
        if recent.count < window { recent.append(value) } else { recent[next] = value; next = (next + 1) % window }
        total += value
        count += 1
        guard count >= Double(2 * window), recent.count == window else { return .stable }
        if estimation > total / count + margin {
            total = recent.reduce(0, +)
            count = Double(recent.count)
            return .drift
        }
        return .stable
    }

    mutating func reset() { self = TestWindowDetector() }

    func encode(to writer: inout BinaryWriter) {
        writer.write(window); writer.write(margin); writer.write(recent)
        writer.write(next); writer.write(total); writer.write(count)
    }

    init(from reader: inout BinaryReader) throws {
        window = try reader.read(); margin = try reader.read(); recent = try reader.read()
        next = try reader.read(); total = try reader.read(); count = try reader.read()
    }
}

/// Helpers shared by the ensemble tests.
enum EnsembleTesting {
    /// Predictions of `model` on every instance of `stream` in a test-then-train loop.
    static func prequentialPredictions<C: Classifier>(_ model: inout C, _ stream: ArraySlice<(x: Instance, label: Int)>) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(stream.count)
        for e in stream {
            out.append(model.predict(e.x))
            model.learn(e.x, label: e.label)
        }
        return out
    }

    /// Encodes and decodes `model` through the binary format.
    static func roundTrip<C: Classifier>(_ model: C) throws -> C {
        var w = BinaryWriter()
        model.encode(to: &w)
        var r = BinaryReader(w.bytes)
        let back = try C(from: &r)
        guard r.isAtEnd else { throw ReferenceError("trailing bytes after decoding") }
        return back
    }
}
