extension HoeffdingTree {
    /// Tries to split the active leaf at `position`, as MOA's `attemptToSplit`: a split turns the leaf into a
    /// split node in place with one new active leaf per branch; a winning "no split" (pre-pruning) deactivates it.
    /// Either way the memory bound is enforced afterwards.
    mutating func attemptToSplit(_ position: Position) {
        let n = position.node
        let decision = nodes[n].stats.decideSplit(configuration: configuration, schema: schema)
        for a in decision.poorAttributes { nodes[n].stats.observers.disable(a, schema: schema) }
        guard let split = decision.split else { return }
        if let test = split.test {
            var children: [Int] = []
            children.reserveCapacity(split.branchCount)
            for b in 0..<split.branchCount {
                children.append(appendLeaf(LearningLeaf(classCounts: split.distribution(ofBranch: b),
                                                        observedClasses: split.branchClassCounts[b])))
            }
            nodes[n].role = .split
            nodes[n].test = test
            nodes[n].children = children
            nodes[n].stats.releaseLearningState()
            activeLeafCount += split.branchCount - 1
            decisionNodeCount += 1
        } else {
            deactivate(n)
        }
        enforceTrackerLimit()
    }

    /// Turns the active leaf `n` into an inactive one: it keeps its class distribution and drops its observers.
    mutating func deactivate(_ n: Int) {
        nodes[n].role = .inactiveLeaf
        nodes[n].stats.releaseLearningState()
        activeLeafCount -= 1
        inactiveLeafCount += 1
    }

    /// Turns the inactive leaf `n` back into a fresh active one with its class distribution.
    mutating func activate(_ n: Int) {
        nodes[n].role = .activeLeaf
        nodes[n].stats = LearningLeaf(classCounts: nodes[n].stats.classCounts, observedClasses: nodes[n].stats.observedClasses)
        activeLeafCount += 1
        inactiveLeafCount -= 1
    }
}

extension LearningLeaf {
    /// Drops what only an active leaf needs (observers, scores, subspace), keeping the class distribution.
    mutating func releaseLearningState() {
        observers = AttributeObservers()
        majorityCorrectWeight = 0
        naiveBayesCorrectWeight = 0
        attributeSubset = nil
    }
}
