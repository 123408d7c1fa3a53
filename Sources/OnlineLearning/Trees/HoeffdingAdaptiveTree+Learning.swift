extension HoeffdingAdaptiveTree {
    /// MOA's `NewNode.learnFromInstance`: node `n` learns `x`, knowing the parent position MOA passes to it
    /// (for an alternate tree, its owner's parent position).
    mutating func learn(node n: Int, _ x: Instance, label: Int, weight: Double, parent: Int, branch: Int) {
        if nodes[n].isSplit {
            learnAtSplit(n, x, label: label, weight: weight, parent: parent, branch: branch)
        } else {
            learnAtLeaf(n, x, label: label, weight: weight, parent: parent, branch: branch)
        }
    }

    /// Feeds node `n`'s error monitor and reports a significant *increase* of its error (MOA's `ErrorChange`).
    mutating func monitorError(_ n: Int, correct: Bool) -> Bool {
        if nodes[n].detector == nil { nodes[n].detector = ADWIN() }
        let before = errorEstimate(n)
        _ = nodes[n].detector!.update(correct ? 0 : 1)
        let changed = nodes[n].detector!.windowShrank
        return changed && !(before > errorEstimate(n))
    }

    mutating func learnAtLeaf(_ n: Int, _ x: Instance, label: Int, weight: Double, parent: Int, branch: Int) {
        let k = nodes[n].poisson.poisson(1)
        let weighted = k > 0 ? weight * Double(k) : weight
        let prediction = predictionCache.node == n ? predictionCache : leafPrediction(n, x)
        predictionCache = CachedPrediction()
        _ = monitorError(n, correct: prediction.predicted == label)
        nodes[n].stats.learn(x, label: label, weight: weighted, schema: schema,
                             prediction: configuration.leafPrediction,
                             subsetSize: configuration.attributeSubsetSize, random: &random,
                             naiveBayesClass: prediction.naiveBayesClass)
        let seen = nodes[n].stats.weightSeen
        if seen - nodes[n].stats.weightAtLastEvaluation >= Double(configuration.gracePeriod) {
            attemptToSplit(n, parent: parent, branch: branch)
            nodes[n].stats.weightAtLastEvaluation = seen
        }
    }

    /// The class the subtree under split node `n` predicts for `x` (MOA's `filterInstanceToLeaf` from `n`):
    /// the leaf's vote, the distribution of a split node where the value is missing, 0 for an empty branch.
    mutating func subtreePrediction(_ n: Int, _ x: Instance) -> Int {
        var m = n
        while nodes[m].isSplit {
            guard let next = child(of: m, for: x) else {
                return withUnsafeTemporaryAllocation(of: Double.self, capacity: header.classCount) { votes in
                    nodes[m].stats.majorityVotes(into: votes)
                    return moaMaxIndex(votes)
                }
            }
            if next.node < 0 { return 0 }
            m = next.node
        }
        // Every split node on the path asks for the same leaf's vote; it cannot change until that leaf learns.
        if predictionCache.node != m { predictionCache = leafPrediction(m, x) }
        return predictionCache.predicted
    }

    /// What leaf `n` predicts for `x` (its scaled vote's first largest class) and, when its vote was naive
    /// Bayes, naive Bayes' own class (which the leaf's adaptive score needs when it learns `x`).
    func leafPrediction(_ n: Int, _ x: Instance) -> CachedPrediction {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: header.classCount) { votes in
            let usedNaiveBayes = nodes[n].stats.votes(for: x, prediction: configuration.leafPrediction,
                                                       naiveBayesThreshold: 0, schema: schema, into: votes)
            let naiveBayesClass = usedNaiveBayes ? moaMaxIndex(votes) : nil
            scaleLeafVotes(n, votes)
            return CachedPrediction(node: n, predicted: moaMaxIndex(votes), naiveBayesClass: naiveBayesClass)
        }
    }

    mutating func learnAtSplit(_ n: Int, _ x: Instance, label: Int, weight: Double, parent: Int, branch: Int) {
        let errorRose = monitorError(n, correct: subtreePrediction(n, x) == label)
        if errorRose {
            nodes[n].alternate = newLeaf(LearningLeaf(classCount: header.classCount))
            alternateTreeCount += 1
            needsSweep = true
        } else if nodes[n].alternate >= 0, errorWidth(n) > 300, errorWidth(nodes[n].alternate) > 300 {
            let alternate = nodes[n].alternate
            let error = errorEstimate(n)
            let alternateError = errorEstimate(alternate)
            let fDelta = 0.05
            let fN = 1 / Double(errorWidth(alternate)) + 1 / Double(errorWidth(n))
            let bound = (2 * error * (1 - error) * (2 / fDelta).log * fN).squareRoot()
            if bound < error - alternateError {
                if parent >= 0 {
                    place(alternate, parent: parent, branch: branch)
                } else if nodes[root].isSplit, nodes[root].alternate >= 0 {
                    // MOA replaces the root by the root's alternate here, even when `n` is itself an alternate.
                    place(nodes[root].alternate, parent: -1, branch: -1)
                }
                switchedAlternateTreeCount += 1
            } else if bound < alternateError - error {
                // MOA drops an alternate that is a single leaf; a worse alternate subtree is only counted.
                if !nodes[alternate].isSplit {
                    nodes[n].alternate = -1
                    needsSweep = true
                }
                prunedAlternateTreeCount += 1
            }
        }
        if nodes[n].alternate >= 0 {
            learn(node: nodes[n].alternate, x, label: label, weight: weight, parent: parent, branch: branch)
        }
        if let next = child(of: n, for: x), next.node >= 0 {
            learn(node: next.node, x, label: label, weight: weight, parent: n, branch: next.branch)
        }
    }

    /// MOA's `attemptToSplit` for this tree: a winning split builds a new split node with fresh leaves and puts
    /// it at the parent position given (which, for an alternate leaf, is its owner's place).
    mutating func attemptToSplit(_ n: Int, parent: Int, branch: Int) {
        let decision = nodes[n].stats.decideSplit(configuration: configuration, schema: schema)
        guard let split = decision.split, let test = split.test else { return }
        var children: [Int] = []
        children.reserveCapacity(split.branchCount)
        for b in 0..<split.branchCount {
            children.append(newLeaf(LearningLeaf(classCounts: split.distribution(ofBranch: b),
                                                 observedClasses: split.branchClassCounts[b])))
        }
        let stats = LearningLeaf(classCounts: nodes[n].stats.classCounts, observedClasses: nodes[n].stats.observedClasses)
        let splitNode = allocate(Node(stats: stats, isSplit: true, test: test, children: children))
        place(splitNode, parent: parent, branch: branch)
    }

    /// Leaf `n`'s votes for `x`, scaled to sum to 1/e² where e is its error estimate (when that is positive).
    func leafVotes(_ n: Int, _ x: Instance, into votes: UnsafeMutableBufferPointer<Double>) {
        nodes[n].stats.votes(for: x, prediction: configuration.leafPrediction, naiveBayesThreshold: 0,
                             schema: schema, into: votes)
        scaleLeafVotes(n, votes)
    }

    /// Scales leaf `n`'s votes to sum to 1/e² (MOA's weighting of leaves by their error), when that is defined.
    func scaleLeafVotes(_ n: Int, _ votes: UnsafeMutableBufferPointer<Double>) {
        var sum = 0.0
        for v in votes { sum += v }
        let error = errorEstimate(n)
        let scale = sum * error * error
        if scale > 0 {
            for i in 0..<votes.count { votes[i] /= scale }
        }
    }

    /// MOA's `getVotesForInstance`: the sum of the votes of every leaf `x` reaches, alternates included except
    /// alternates that are bare leaves.
    func votes(for x: Instance, into votes: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<votes.count { votes[i] = 0 }
        guard root >= 0 else { return }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: votes.count) { scratch in
            addVotes(of: root, x, isAlternateRoot: false, into: votes, scratch: scratch)
        }
    }

    func addVotes(of n: Int, _ x: Instance, isAlternateRoot: Bool,
                  into votes: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) {
        if nodes[n].isSplit {
            if let next = child(of: n, for: x) {
                if next.node >= 0 {
                    addVotes(of: next.node, x, isAlternateRoot: false, into: votes, scratch: scratch)
                } else {
                    nodes[n].stats.majorityVotes(into: scratch)
                    for i in 0..<votes.count { votes[i] += scratch[i] }
                }
            }
            if nodes[n].alternate >= 0 {
                addVotes(of: nodes[n].alternate, x, isAlternateRoot: true, into: votes, scratch: scratch)
            }
        } else if !isAlternateRoot {
            leafVotes(n, x, into: scratch)
            for i in 0..<votes.count { votes[i] += scratch[i] }
        }
    }
}
