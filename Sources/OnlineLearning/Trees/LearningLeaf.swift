/// The statistics a Hoeffding tree node keeps: its class distribution and, while it is an active leaf, its
/// attribute observers, split-attempt bookkeeping and the naive-Bayes-adaptive score.
///
/// Shared by ``HoeffdingTree`` and ``HoeffdingAdaptiveTree``. It mirrors MOA's `ActiveLearningNode`,
/// `LearningNodeNB` and `LearningNodeNBAdaptive` (Gama, Rocha & Medas, KDD 2003), including MOA's class vector
/// that only grows to the largest class seen (``observedClasses``), which decides the majority class of an empty
/// leaf and the range of the Hoeffding bound.
struct LearningLeaf: Sendable, Hashable {
    /// The weight seen per class (a split node keeps the distribution it had when it split).
    var classCounts: [Double]
    /// One past the largest class index in MOA's vector for this node.
    var observedClasses: Int
    /// The attribute observers (empty until the first instance, and for inactive leaves and split nodes).
    var observers = AttributeObservers()
    /// The weight seen when a split was last attempted.
    var weightAtLastEvaluation: Double
    /// The weight of instances the majority class predicted correctly before learning them.
    var majorityCorrectWeight = 0.0
    /// The weight of instances naive Bayes predicted correctly before learning them.
    var naiveBayesCorrectWeight = 0.0
    /// The attributes this leaf watches when the tree uses random subspaces; nil for all.
    var attributeSubset: [Int]?

    /// Creates a leaf with an initial class distribution; its last split evaluation is "now".
    init(classCounts: [Double], observedClasses: Int) {
        self.classCounts = classCounts
        self.observedClasses = observedClasses
        var w = 0.0
        for v in classCounts { w += v }
        weightAtLastEvaluation = w
    }

    /// An empty leaf for `classCount` classes.
    init(classCount: Int) {
        self.init(classCounts: Array(repeating: 0, count: classCount), observedClasses: 0)
    }

    /// The total weight seen (summed as MOA sums its vector).
    var weightSeen: Double {
        var w = 0.0
        for v in classCounts { w += v }
        return w
    }

    /// True when fewer than two classes have weight.
    var isPure: Bool {
        var nonZero = 0
        for v in classCounts where v != 0 { nonZero += 1 }
        return nonZero < 2
    }

    /// MOA's promise of a leaf for memory management: the weight not in the majority class.
    var promise: Double {
        let total = weightSeen
        guard total > 0 else { return 0 }
        let best = moaVectorMaxIndex(classCounts, count: observedClasses)
        return total - (best >= 0 ? classCounts[best] : 0)
    }

    /// Adds class weight only (what an inactive leaf learns).
    mutating func addClassWeight(label: Int, weight: Double) {
        classCounts[label] += weight
        if label >= observedClasses { observedClasses = label + 1 }
    }

    /// Learns one instance as an active leaf: scores majority class and naive Bayes on it first (for adaptive
    /// leaves), then updates the class distribution and the observers.
    /// - Parameters:
    ///   - x: The instance.
    ///   - label: Its class.
    ///   - weight: Its weight.
    ///   - schema: The attribute layout.
    ///   - prediction: The tree's leaf prediction mode.
    ///   - subsetSize: The random subspace size, if any.
    ///   - random: The tree's generator, used once per leaf to draw its subspace.
    ///   - naiveBayesClass: The naive Bayes prediction for `x` from this leaf's current state, when the caller
    ///     has already computed it (saves computing it twice).
    mutating func learn(_ x: Instance, label: Int, weight: Double, schema: ObserverSchema,
                        prediction: HoeffdingTree.LeafPrediction, subsetSize: Int?, random: inout RandomSource,
                        naiveBayesClass: Int? = nil) {
        if prediction == .naiveBayesAdaptive {
            if moaVectorMaxIndex(classCounts, count: observedClasses) == label { majorityCorrectWeight += weight }
            let nbClass = naiveBayesClass ?? withUnsafeTemporaryAllocation(of: Double.self, capacity: classCounts.count) { votes in
                observers.naiveBayesVotes(x, classDistribution: classCounts, observedClasses: observedClasses,
                                          schema: schema, into: votes)
                return moaMaxIndex(votes)
            }
            if nbClass == label { naiveBayesCorrectWeight += weight }
        }
        addClassWeight(label: label, weight: weight)
        if !observers.isInitialized, let k = subsetSize, k < schema.valueCounts.count {
            attributeSubset = Self.drawSubset(of: k, from: schema.valueCounts.count, random: &random)
        }
        observers.observe(x, label: label, weight: weight, schema: schema, attributes: attributeSubset)
    }

    /// `k` distinct attribute indices drawn as MOA's `ARFHoeffdingTree` draws them (pick, remove, repeat).
    static func drawSubset(of k: Int, from n: Int, random: inout RandomSource) -> [Int] {
        var pool = Array(0..<n)
        var out: [Int] = []
        out.reserveCapacity(k)
        for _ in 0..<k {
            let i = random.nextInt(below: pool.count)
            out.append(pool.remove(at: i))
        }
        return out
    }

    /// Writes the majority-class votes (the class distribution) into `votes`.
    func majorityVotes(into votes: UnsafeMutableBufferPointer<Double>) {
        for c in 0..<votes.count { votes[c] = c < classCounts.count ? classCounts[c] : 0 }
    }

    /// Writes this leaf's votes for `x` into `votes`, as MOA's learning node of the given kind would.
    /// - Parameters:
    ///   - x: The instance.
    ///   - prediction: The leaf prediction mode.
    ///   - naiveBayesThreshold: The weight needed before naive Bayes answers (NB mode).
    ///   - schema: The attribute layout.
    ///   - votes: Where the votes go.
    /// - Returns: Whether the votes are naive Bayes votes (rather than the class distribution).
    @discardableResult
    func votes(for x: Instance, prediction: HoeffdingTree.LeafPrediction, naiveBayesThreshold: Int,
               schema: ObserverSchema, into votes: UnsafeMutableBufferPointer<Double>) -> Bool {
        let useNaiveBayes: Bool
        switch prediction {
        case .majorityClass: useNaiveBayes = false
        case .naiveBayes: useNaiveBayes = weightSeen >= Double(naiveBayesThreshold)
        case .naiveBayesAdaptive: useNaiveBayes = !(majorityCorrectWeight > naiveBayesCorrectWeight)
        }
        if useNaiveBayes {
            observers.naiveBayesVotes(x, classDistribution: classCounts, observedClasses: observedClasses,
                                      schema: schema, into: votes)
        } else {
            majorityVotes(into: votes)
        }
        return useNaiveBayes
    }

    /// The outcome of a split attempt.
    struct SplitDecision {
        /// The winning suggestion when the leaf should split (a nil test means "stop growing": pre-pruning).
        var split: SplitSuggestion?
        /// Attributes found clearly poor (only with poor-attribute removal).
        var poorAttributes: [Int] = []
    }

    /// Decides whether to split, as MOA's `attemptToSplit`: the best two candidates (sorted stably by merit, with
    /// "no split" first) are compared with the Hoeffding bound `sqrt(R² ln(1/δ) / 2n)`, splitting when the gap
    /// exceeds it or the bound falls below the tie threshold.
    /// - Parameters:
    ///   - configuration: The tree's hyperparameters.
    ///   - schema: The attribute layout.
    func decideSplit(configuration: HoeffdingTree.Configuration, schema: ObserverSchema) -> SplitDecision {
        guard !isPure else { return SplitDecision() }
        let criterion = configuration.splitCriterion
        var candidates: [SplitSuggestion] = []
        if !configuration.noPrePruning {
            candidates.append(SplitSuggestion(
                test: nil, distributions: [], classCount: classCounts.count,
                merit: criterion.merit(preSplit: classCounts, postSplit: classCounts, classCount: classCounts.count)))
        }
        candidates += observers.bestSplits(criterion: criterion, preSplit: classCounts, schema: schema,
                                           numBins: configuration.numericEstimatorBins,
                                           binaryOnly: configuration.binarySplits)
        // Java's object sort is stable; so is this one (ties keep insertion order).
        let order = candidates.indices.sorted { a, b in
            let ma = candidates[a].merit, mb = candidates[b].merit
            if SplitSuggestion.meritPrecedes(ma, mb) { return true }
            if SplitSuggestion.meritPrecedes(mb, ma) { return false }
            return a < b
        }
        let sorted = order.map { candidates[$0] }
        var decision = SplitDecision()
        guard sorted.count >= 2 else {
            if let only = sorted.first { decision.split = only }
            return decision
        }
        let n = weightSeen
        let range = criterion.rangeOfMerit(classCount: observedClasses)
        let bound = (range * range * (1 / configuration.splitConfidence).log / (2 * n)).squareRoot()
        let best = sorted[sorted.count - 1]
        let second = sorted[sorted.count - 2]
        if best.merit - second.merit > bound || bound < configuration.tieThreshold {
            decision.split = best
        }
        if configuration.removePoorAttributes, configuration.leafPrediction == .majorityClass {
            for s in sorted {
                if let test = s.test, best.merit - s.merit > bound { decision.poorAttributes.append(test.attribute) }
            }
        }
        return decision
    }

    /// An estimate of the heap bytes this node's statistics hold.
    var byteSize: Int {
        var size = arrayBytes(classCounts.count, 8) + observers.byteSize
        if let s = attributeSubset { size += arrayBytes(s.count, 8) }
        return size
    }
}

extension LearningLeaf: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(classCounts); writer.write(observedClasses); writer.write(observers)
        writer.write(weightAtLastEvaluation); writer.write(majorityCorrectWeight); writer.write(naiveBayesCorrectWeight)
        writer.write(attributeSubset != nil)
        if let s = attributeSubset { writer.write(s) }
    }

    init(from reader: inout BinaryReader) throws {
        classCounts = try reader.read(); observedClasses = try reader.read(); observers = try reader.read()
        weightAtLastEvaluation = try reader.read(); majorityCorrectWeight = try reader.read()
        naiveBayesCorrectWeight = try reader.read()
        attributeSubset = try reader.read(Bool.self) ? try reader.read([Int].self) : nil
    }

    /// Checks the decoded statistics against the tree's schema.
    /// - Throws: ``ModelFormatError`` when a shape disagrees.
    func validate(schema: ObserverSchema, offset: Int) throws {
        guard classCounts.count == schema.classCount, (0...schema.classCount).contains(observedClasses),
              attributeSubset?.allSatisfy({ $0 >= 0 && $0 < schema.valueCounts.count }) ?? true else {
            throw ModelFormatError("tree node statistics do not match the header", offset: offset)
        }
        try observers.validate(schema: schema, offset: offset)
    }
}
