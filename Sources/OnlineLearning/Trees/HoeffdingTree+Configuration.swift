extension HoeffdingTree {
    /// How a leaf predicts (MOA's `-l`).
    public enum LeafPrediction: UInt8, Sendable, Hashable, CaseIterable {
        /// The majority class of the leaf (`MC`).
        case majorityClass = 0
        /// Naive Bayes over the leaf's attribute observers (`NB`), once the leaf has seen `naiveBayesThreshold`.
        case naiveBayes = 1
        /// Whichever of majority class and naive Bayes has been right more often at this leaf (`NBAdaptive`,
        /// Gama, Rocha & Medas, KDD 2003), judged on each instance before the leaf learns it. MOA's default.
        case naiveBayesAdaptive = 2
    }

    /// The hyperparameters of a Hoeffding tree, with MOA's defaults and MOA's option letters
    /// (`moa.classifiers.trees.HoeffdingTree`).
    public struct Configuration: Sendable, Hashable {
        /// `-m`: the memory bound in bytes; past it the least promising leaves stop learning. Default 33,554,432
        /// (32 MiB); at least 0. Sizes are Eddy's own estimate of its node storage (arrays, observers).
        public var maxByteSize: Int = 33_554_432
        /// `-n GaussianNumericAttributeClassObserver -n`: candidate thresholds per numeric attribute. Default 10;
        /// at least 1.
        public var numericEstimatorBins: Int = 10
        /// `-e`: the training weight between memory estimates (a check runs when the weight seen is a multiple of
        /// it). Default 1,000,000; at least 0 (0 never checks).
        public var memoryEstimatePeriod: Int = 1_000_000
        /// `-g`: the weight a leaf must see between split attempts. Default 200; at least 0.
        public var gracePeriod: Int = 200
        /// `-s`: how splits are scored. Default information gain with minimum branch fraction 0.01 (`-f`).
        public var splitCriterion: SplitCriterion = .default
        /// `-c`: δ, the allowed probability of choosing the wrong split. Default 1e-7; in [0, 1].
        public var splitConfidence: Double = 1e-7
        /// `-t`: below this Hoeffding bound a tie is broken by splitting on the best attribute. Default 0.05;
        /// in [0, 1].
        public var tieThreshold: Double = 0.05
        /// `-b`: only binary splits (nominal attributes split one value against the rest). Default false.
        public var binarySplits = false
        /// `-z`: stop growing once the memory bound is hit, instead of deactivating leaves. Default false.
        public var stopMemoryManagement = false
        /// `-r`: switch off attributes that are clearly poor at a leaf (majority-class leaves only, as MOA).
        /// Default false.
        public var removePoorAttributes = false
        /// `-p`: do not consider "no split" as a candidate (no pre-pruning). Default false.
        public var noPrePruning = false
        /// `-l`: how leaves predict. Default ``LeafPrediction/naiveBayesAdaptive``.
        public var leafPrediction: LeafPrediction = .naiveBayesAdaptive
        /// `-q`: the weight a naive Bayes leaf must see before it predicts with naive Bayes. Default 0; at least 0.
        public var naiveBayesThreshold: Int = 0
        /// Random attribute subspaces (MOA's `ARFHoeffdingTree -k`): when set to `k`, each new learning leaf
        /// watches `k` attributes drawn at random (with the tree's ``RandomSource``) the first time it learns,
        /// all of them when `k` is at least the attribute count. Default nil (every leaf watches every attribute);
        /// at least 1 when set.
        public var attributeSubsetSize: Int?

        /// Creates MOA's default configuration.
        public init() {}

        /// Checks every parameter against its accepted range.
        /// - Throws: ``ConfigurationError`` naming the first parameter out of range.
        public func validate() throws {
            try ConfigurationError.check(maxByteSize >= 0, "maxByteSize", maxByteSize, accepted: "an integer >= 0")
            try ConfigurationError.check(numericEstimatorBins >= 1, "numericEstimatorBins", numericEstimatorBins,
                                         accepted: "an integer >= 1")
            try ConfigurationError.check(memoryEstimatePeriod >= 0, "memoryEstimatePeriod", memoryEstimatePeriod,
                                         accepted: "an integer >= 0")
            try ConfigurationError.check(gracePeriod >= 0, "gracePeriod", gracePeriod, accepted: "an integer >= 0")
            try splitCriterion.validate()
            try ConfigurationError.check(splitConfidence >= 0 && splitConfidence <= 1, "splitConfidence",
                                         splitConfidence, accepted: "a probability in [0, 1]")
            try ConfigurationError.check(tieThreshold >= 0 && tieThreshold <= 1, "tieThreshold", tieThreshold,
                                         accepted: "a value in [0, 1]")
            try ConfigurationError.check(naiveBayesThreshold >= 0, "naiveBayesThreshold", naiveBayesThreshold,
                                         accepted: "an integer >= 0")
            if let k = attributeSubsetSize {
                try ConfigurationError.check(k >= 1, "attributeSubsetSize", k, accepted: "nil or an integer >= 1")
            }
        }
    }
}

extension HoeffdingTree.Configuration: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(maxByteSize); writer.write(numericEstimatorBins); writer.write(memoryEstimatePeriod)
        writer.write(gracePeriod)
        switch splitCriterion {
        case .informationGain(let f): writer.write(UInt8(0)); writer.write(f)
        case .gini: writer.write(UInt8(1))
        }
        writer.write(splitConfidence); writer.write(tieThreshold); writer.write(binarySplits)
        writer.write(stopMemoryManagement); writer.write(removePoorAttributes); writer.write(noPrePruning)
        writer.write(leafPrediction.rawValue); writer.write(naiveBayesThreshold)
        writer.write(attributeSubsetSize ?? 0)
    }

    public init(from reader: inout BinaryReader) throws {
        maxByteSize = try reader.read(); numericEstimatorBins = try reader.read()
        memoryEstimatePeriod = try reader.read(); gracePeriod = try reader.read()
        switch try reader.read(UInt8.self) {
        case 0: splitCriterion = .informationGain(minimumBranchFraction: try reader.read())
        case 1: splitCriterion = .gini
        default: throw ModelFormatError("unknown split criterion", offset: reader.offset - 1)
        }
        splitConfidence = try reader.read(); tieThreshold = try reader.read(); binarySplits = try reader.read()
        stopMemoryManagement = try reader.read(); removePoorAttributes = try reader.read()
        noPrePruning = try reader.read()
        guard let prediction = HoeffdingTree.LeafPrediction(rawValue: try reader.read()) else {
            throw ModelFormatError("unknown leaf prediction", offset: reader.offset - 1)
        }
        leafPrediction = prediction
        naiveBayesThreshold = try reader.read()
        let k: Int = try reader.read()
        attributeSubsetSize = k > 0 ? k : nil
        do { try validate() } catch { throw ModelFormatError("invalid configuration: \(error)", offset: reader.offset) }
    }
}
