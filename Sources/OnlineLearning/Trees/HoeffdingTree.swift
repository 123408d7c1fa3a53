/// The Hoeffding tree (VFDT): an incremental decision tree that splits a leaf once the Hoeffding bound says,
/// with probability 1 − δ, that its best attribute is truly better than the second best.
///
/// Domingos & Hulten, "Mining high-speed data streams", KDD 2000, as implemented by MOA's
/// `moa.classifiers.trees.HoeffdingTree`, whose defaults and choices this reproduces: information gain, grace
/// period 200, δ = 1e-7, tie threshold 0.05, Gaussian numeric observers with 10 candidate thresholds
/// (Pfahringer, Holmes & Kirkby, PAKDD 2008), naive-Bayes-adaptive leaves (Gama, Rocha & Medas, KDD 2003), pre-
/// pruning, and MOA's memory management, which deactivates the least promising leaves when the estimated size
/// passes the bound and reactivates them when there is room again.
///
/// Nodes live in one dense array and refer to each other by index, so learning and predicting walk plain
/// arrays; a split turns the leaf into a split node in place and appends its children. An instance whose value
/// is missing at a split stops there: it predicts with that node's distribution and is not learned (as in MOA).
public struct HoeffdingTree: Classifier {
    /// The role of a node.
    enum Role: UInt8, Sendable, Hashable {
        case split = 0, activeLeaf = 1, inactiveLeaf = 2
    }

    /// One node: its statistics, its role and, for split nodes, its test and children (-1 for none yet).
    struct Node: Sendable, Hashable {
        var stats: LearningLeaf
        var role: Role
        var test: SplitTest?
        var children: [Int] = []
    }

    /// Where an instance ends up: the node reached (-1 when the branch has no child yet), its parent and branch.
    struct Position {
        var node: Int
        var parent: Int
        var branch: Int
    }

    /// The stream schema.
    public let header: Header
    /// The hyperparameters.
    public let configuration: Configuration
    let schema: ObserverSchema
    var random: RandomSource
    var nodes: [Node] = []
    var root = -1
    /// The number of split nodes.
    public internal(set) var decisionNodeCount = 0
    /// The number of leaves that learn (keep observers).
    public internal(set) var activeLeafCount = 0
    /// The number of leaves deactivated by memory management or pre-pruning.
    public internal(set) var inactiveLeafCount = 0
    var activeLeafByteSizeEstimate = 0.0
    var inactiveLeafByteSizeEstimate = 0.0
    var byteSizeEstimateOverheadFraction = 1.0
    var growthAllowed = true
    /// The total weight of the instances learned so far.
    public internal(set) var trainingWeight = 0.0

    /// Creates an empty tree.
    /// - Parameters:
    ///   - header: The stream schema.
    ///   - configuration: The hyperparameters; MOA's defaults when omitted.
    ///   - seed: Seeds the generator that draws random attribute subspaces (unused otherwise).
    /// - Throws: ``ConfigurationError`` when a hyperparameter is out of range.
    public init(header: Header, configuration: Configuration = Configuration(), seed: UInt64 = 1) throws {
        try configuration.validate()
        self.header = header
        self.configuration = configuration
        schema = ObserverSchema(header)
        random = RandomSource(seed: seed)
    }

    /// The number of nodes (split nodes and leaves).
    public var nodeCount: Int { decisionNodeCount + activeLeafCount + inactiveLeafCount }

    /// The number of leaves.
    public var leafCount: Int { activeLeafCount + inactiveLeafCount }

    /// The depth of the tree (0 for a single leaf or an empty tree).
    public var depth: Int {
        guard root >= 0 else { return 0 }
        var deepest = 0
        var stack = [(root, 0)]
        while let (n, d) = stack.popLast() {
            deepest = max(deepest, d)
            for c in nodes[n].children where c >= 0 { stack.append((c, d + 1)) }
        }
        return deepest
    }

    /// The value count of the attribute a split test reads (ignored for numeric attributes).
    func valueCount(_ test: SplitTest) -> Int {
        test.attribute < schema.valueCounts.count ? schema.valueCounts[test.attribute] : 0
    }

    /// Follows `x` down from the root, as MOA's `filterInstanceToLeaf`.
    func position(of x: Instance) -> Position {
        var position = Position(node: root, parent: -1, branch: -1)
        while true {
            let node = position.node
            guard nodes[node].role == .split, let test = nodes[node].test else { return position }
            guard let branch = test.branch(for: x, valueCount: valueCount(test)) else { return position }
            let child = branch < nodes[node].children.count ? nodes[node].children[branch] : -1
            position = Position(node: child, parent: node, branch: branch)
            if child < 0 { return position }
        }
    }

    /// Appends a new active leaf with the given distribution and returns its index.
    mutating func appendLeaf(_ stats: LearningLeaf) -> Int {
        nodes.append(Node(stats: stats, role: .activeLeaf))
        return nodes.count - 1
    }

    /// Makes `child` the child of `parent` on `branch`, growing a multiway node's child list when needed.
    mutating func setChild(_ parent: Int, branch: Int, to child: Int) {
        if branch >= nodes[parent].children.count {
            nodes[parent].children += Array(repeating: -1, count: branch + 1 - nodes[parent].children.count)
        }
        nodes[parent].children[branch] = child
    }

    /// Learns one labelled instance (test-then-train order is the caller's: predict first, then learn).
    /// - Parameters:
    ///   - x: The instance; missing values are `nan`.
    ///   - label: Its class index; labels outside the header's classes are ignored.
    ///   - weight: Its weight; a weight that is not positive and finite is ignored.
    public mutating func learn(_ x: Instance, label: Int, weight: Double) {
        guard accepts(label: label, weight: weight) else { return }
        trainingWeight += weight
        if root < 0 {
            root = appendLeaf(LearningLeaf(classCount: header.classCount))
            activeLeafCount = 1
        }
        var position = position(of: x)
        if position.node < 0 {
            position.node = appendLeaf(LearningLeaf(classCount: header.classCount))
            setChild(position.parent, branch: position.branch, to: position.node)
            activeLeafCount += 1
        }
        let n = position.node
        switch nodes[n].role {
        case .split:
            break
        case .inactiveLeaf:
            nodes[n].stats.addClassWeight(label: label, weight: weight)
        case .activeLeaf:
            nodes[n].stats.learn(x, label: label, weight: weight, schema: schema,
                                 prediction: configuration.leafPrediction,
                                 subsetSize: configuration.attributeSubsetSize, random: &random)
            if growthAllowed {
                let seen = nodes[n].stats.weightSeen
                if seen - nodes[n].stats.weightAtLastEvaluation >= Double(configuration.gracePeriod) {
                    attemptToSplit(position)
                    nodes[n].stats.weightAtLastEvaluation = seen
                }
            }
        }
        if configuration.memoryEstimatePeriod > 0,
           trainingWeight.truncatingRemainder(dividingBy: Double(configuration.memoryEstimatePeriod)) == 0 {
            estimateModelByteSizes()
        }
    }

    /// MOA's unnormalised votes for `x` written into `votes`.
    func votes(for x: Instance, into votes: UnsafeMutableBufferPointer<Double>) {
        guard root >= 0 else {
            for c in 0..<votes.count { votes[c] = 0 }
            return
        }
        let position = position(of: x)
        let n = position.node >= 0 ? position.node : position.parent
        if nodes[n].role == .activeLeaf {
            nodes[n].stats.votes(for: x, prediction: configuration.leafPrediction,
                                 naiveBayesThreshold: configuration.naiveBayesThreshold, schema: schema, into: votes)
        } else {
            nodes[n].stats.majorityVotes(into: votes)
        }
    }

    /// The class distribution predicted for `x`: MOA's votes normalised to sum to 1 (uniform when untrained).
    public func probabilities(for x: Instance) -> [Double] {
        var out = [Double](repeating: 0, count: header.classCount)
        out.withUnsafeMutableBufferPointer { votes(for: x, into: $0) }
        normalize(&out)
        return out
    }

    /// The class with the largest vote, picked as MOA picks it (the first largest; class 0 before training).
    public func predict(_ x: Instance) -> Int {
        guard header.classCount > 0 else { return 0 }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: header.classCount) { buffer in
            votes(for: x, into: buffer)
            return moaMaxIndex(buffer)
        }
    }
}
