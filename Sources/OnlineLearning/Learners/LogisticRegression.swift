/// Multinomial (softmax) logistic regression trained by stochastic gradient descent, one instance at a time.
///
/// The model keeps one weight vector and intercept per class and predicts `softmax(W·x + b)`; each labelled
/// instance takes one gradient step on the weighted cross-entropy with an optional L2 penalty (Bishop,
/// "Pattern Recognition and Machine Learning", §4.3.4; River's `linear_model.SoftmaxRegression`, which for two
/// classes is the same model as its `LogisticRegression`).
///
/// Inputs are prepared inside the model so that it works on raw streams: numeric attributes are standardised
/// with a running mean and variance (Welford's algorithm, updated before each step, like River's
/// `StandardScaler | LogisticRegression` pipeline) and a missing numeric value becomes the mean (0 after
/// standardising); a nominal attribute with `k` values becomes `k` one-hot inputs, all zero when the value is
/// missing or outside the attribute's list.
public struct LogisticRegression: Classifier {
    /// The hyperparameters, with River's defaults.
    public struct Configuration: Sendable, Hashable {
        /// The SGD step size for the weights; > 0 and finite. Default 0.01 (River's `optim.SGD(0.01)`).
        public var learningRate: Double = 0.01
        /// The SGD step size for the intercepts; ≥ 0 and finite (0 freezes them at 0). Default 0.01.
        public var interceptLearningRate: Double = 0.01
        /// The L2 penalty on the weights (not the intercepts); ≥ 0 and finite. Default 0 (River's `l2=0`).
        public var l2: Double = 0
        /// Gradients are clipped to ±this value; > 0. Default 1e12 (River's `clip_gradient`).
        public var gradientClip: Double = 1e12
        /// Whether numeric inputs are standardised by running statistics. Default true.
        public var standardize: Bool = true
        /// Initial weights are drawn uniformly from ±this value with ``seed``; ≥ 0 and finite. Default 0
        /// (zeros, as River; then the model is deterministic and the seed is unused).
        public var initialWeightScale: Double = 0
        /// The seed of the generator that draws initial weights. Default 1.
        public var seed: UInt64 = 1

        /// Creates a configuration with the defaults above.
        public init() {}

        /// Checks every value against its range.
        /// - Throws: ``ConfigurationError`` naming the first parameter out of range.
        public func validate() throws {
            try ConfigurationError.check(learningRate > 0 && learningRate.isFinite, "learningRate", learningRate, accepted: "a finite value > 0")
            try ConfigurationError.check(interceptLearningRate >= 0 && interceptLearningRate.isFinite, "interceptLearningRate", interceptLearningRate, accepted: "a finite value ≥ 0")
            try ConfigurationError.check(l2 >= 0 && l2.isFinite, "l2", l2, accepted: "a finite value ≥ 0")
            try ConfigurationError.check(gradientClip > 0, "gradientClip", gradientClip, accepted: "a value > 0")
            try ConfigurationError.check(initialWeightScale >= 0 && initialWeightScale.isFinite, "initialWeightScale", initialWeightScale, accepted: "a finite value ≥ 0")
        }
    }

    /// The stream schema.
    public let header: Header
    /// The hyperparameters.
    public let configuration: Configuration
    /// The total weight of the instances learned so far.
    public private(set) var trainingWeight: Double = 0

    /// The input column of each attribute's first input (one-hot nominal attributes take several).
    @usableFromInline let offsets: [Int]
    /// The number of inputs per class (columns of `weights`).
    @usableFromInline let inputCount: Int
    /// `classCount × inputCount` weights, row-major by class.
    @usableFromInline var weights: [Double]
    /// One intercept per class.
    @usableFromInline var intercepts: [Double]
    /// Running statistics of each numeric attribute: weight seen, mean, sum of squared deviations.
    @usableFromInline var statWeight: [Double]
    @usableFromInline var statMean: [Double]
    @usableFromInline var statM2: [Double]
    @usableFromInline var random: RandomSource
    /// Reused for the class scores while learning, so a step allocates nothing.
    @usableFromInline var scratch: [Double]

    /// Creates an untrained model.
    /// - Parameters:
    ///   - header: the stream schema.
    ///   - configuration: the hyperparameters.
    /// - Throws: ``ConfigurationError`` when a hyperparameter is out of range.
    public init(header: Header, configuration: Configuration = Configuration()) throws {
        try configuration.validate()
        self.header = header
        self.configuration = configuration
        var offsets: [Int] = []
        var n = 0
        for a in header.attributes {
            offsets.append(n)
            n += a.isNominal ? a.valueCount : 1
        }
        self.offsets = offsets
        self.inputCount = n
        let k = header.classCount
        random = RandomSource(seed: configuration.seed)
        weights = Array(repeating: 0, count: k * n)
        if configuration.initialWeightScale > 0 {
            for i in weights.indices { weights[i] = (2 * random.nextDouble() - 1) * configuration.initialWeightScale }
        }
        intercepts = Array(repeating: 0, count: k)
        statWeight = Array(repeating: 0, count: header.attributeCount)
        statMean = statWeight
        statM2 = statWeight
        scratch = Array(repeating: 0, count: k)
    }

    /// The numeric input of attribute `a` for raw value `v`: standardised, 0 when missing or not finite.
    @inlinable func input(_ a: Int, _ v: Double) -> Double {
        guard v.isFinite else { return 0 }
        guard configuration.standardize else { return v }
        let w = statWeight[a]
        guard w > 0 else { return 0 }
        let variance = statM2[a] / w
        return variance > 0 ? (v - statMean[a]) / variance.squareRoot() : 0
    }

    /// Writes the softmax of the class scores of `x` into `p` (which has `classCount` entries).
    @inlinable func scores(_ x: Instance, into p: inout [Double]) {
        let k = header.classCount
        for c in 0..<k { p[c] = intercepts[c] }
        for (a, attribute) in header.attributes.enumerated() {
            if case .nominal = attribute.kind {
                guard let v = x.nominalIndex(a, valueCount: attribute.valueCount) else { continue }
                let col = offsets[a] + v
                for c in 0..<k { p[c] += weights[c * inputCount + col] }
            } else {
                let z = input(a, x[a])
                guard z != 0 else { continue }
                let col = offsets[a]
                for c in 0..<k { p[c] += weights[c * inputCount + col] * z }
            }
        }
        var top = -Double.infinity
        for c in 0..<k where p[c] > top { top = p[c] }
        guard top.isFinite else {
            for c in 0..<k { p[c] = 1 / Double(k) }
            return
        }
        var sum = 0.0
        for c in 0..<k {
            p[c] = (p[c] - top).exp
            sum += p[c]
        }
        for c in 0..<k { p[c] /= sum }
    }

    /// The softmax class distribution for `x`; uniform before training, even with random initial weights,
    /// because an untrained model has no evidence for any class.
    public func probabilities(for x: Instance) -> [Double] {
        var p = Array(repeating: 0.0, count: header.classCount)
        guard !p.isEmpty else { return p }
        guard trainingWeight > 0 else {
            normalize(&p)
            return p
        }
        scores(x, into: &p)
        normalize(&p)
        return p
    }

    /// Takes one SGD step on `x`; ignores unusable labels and weights.
    /// - Parameters:
    ///   - x: the instance.
    ///   - label: the class index.
    ///   - weight: the instance weight, which scales the gradient.
    public mutating func learn(_ x: Instance, label: Int, weight: Double) {
        guard accepts(label: label, weight: weight) else { return }
        trainingWeight += weight
        if configuration.standardize {
            for (a, attribute) in header.attributes.enumerated() where !attribute.isNominal {
                let v = x[a]
                guard v.isFinite else { continue }
                statWeight[a] += weight
                let delta = v - statMean[a]
                statMean[a] += delta * weight / statWeight[a]
                statM2[a] += weight * delta * (v - statMean[a])
            }
        }
        var p = scratch
        scratch = []
        scores(x, into: &p)
        let k = header.classCount
        let clip = configuration.gradientClip
        let rate = configuration.learningRate, l2 = configuration.l2
        for c in 0..<k {
            let g = min(clip, max(-clip, (p[c] - (c == label ? 1 : 0)) * weight))
            p[c] = g
            intercepts[c] -= configuration.interceptLearningRate * g
        }
        for (a, attribute) in header.attributes.enumerated() {
            let col: Int
            let z: Double
            if case .nominal = attribute.kind {
                guard let v = x.nominalIndex(a, valueCount: attribute.valueCount) else { continue }
                col = offsets[a] + v
                z = 1
            } else {
                z = input(a, x[a])
                col = offsets[a]
                guard z != 0 || l2 > 0 else { continue }
            }
            for c in 0..<k {
                let i = c * inputCount + col
                weights[i] -= rate * (p[c] * z + l2 * weights[i])
            }
        }
        scratch = p
    }

    public func encode(to writer: inout BinaryWriter) {
        writer.write(header)
        writer.write(configuration.learningRate)
        writer.write(configuration.interceptLearningRate)
        writer.write(configuration.l2)
        writer.write(configuration.gradientClip)
        writer.write(configuration.standardize)
        writer.write(configuration.initialWeightScale)
        writer.write(configuration.seed)
        writer.write(trainingWeight)
        writer.write(weights)
        writer.write(intercepts)
        writer.write(statWeight)
        writer.write(statMean)
        writer.write(statM2)
        writer.write(random)
    }

    public init(from reader: inout BinaryReader) throws {
        let header = try reader.read(Header.self)
        var c = Configuration()
        c.learningRate = try reader.read()
        c.interceptLearningRate = try reader.read()
        c.l2 = try reader.read()
        c.gradientClip = try reader.read()
        c.standardize = try reader.read()
        c.initialWeightScale = try reader.read()
        c.seed = try reader.read()
        let start = reader.offset
        do { try self.init(header: header, configuration: c) } catch {
            throw ModelFormatError("invalid configuration: \(error)", offset: start)
        }
        trainingWeight = try reader.read()
        let arraysStart = reader.offset
        weights = try reader.read()
        intercepts = try reader.read()
        statWeight = try reader.read()
        statMean = try reader.read()
        statM2 = try reader.read()
        guard weights.count == header.classCount * inputCount, intercepts.count == header.classCount,
              statWeight.count == header.attributeCount, statMean.count == header.attributeCount,
              statM2.count == header.attributeCount
        else { throw ModelFormatError("array sizes do not match the header", offset: arraysStart) }
        random = try reader.read()
    }
}
