/// The Hoeffding adaptive tree: a Hoeffding tree that watches its own error with ADWIN at every node, grows an
/// alternate subtree where the error rises, and swaps it in once it is significantly better.
///
/// Bifet & Gavaldà, "Adaptive learning from evolving data streams", IDA 2009, as implemented by MOA's
/// `moa.classifiers.trees.HoeffdingAdaptiveTree` (HAT-ADWIN), whose behaviour this reproduces, quirks
/// included, because matching MOA's accuracy is the point:
/// - every node feeds ADWIN (δ = 0.002) its 0/1 error on each instance it sees, judged by the leaf the instance
///   reaches below it; a detected *increase* starts a new alternate tree at that node (replacing any previous
///   one);
/// - once both windows are wider than 300, the alternate replaces the node when the error difference exceeds
///   `sqrt(2·e·(1−e)·ln(2/0.05)·(1/n_alt + 1/n))`, and a worse alternate leaf is dropped;
/// - a leaf learns each instance with a Poisson(1) weight (0 counts as 1) drawn from its own generator, seeded
///   1 like MOA's `new Random(1)` (``JavaRandom``);
/// - an alternate is trained with its owner's parent position, so when an alternate that is still a single leaf
///   splits, the new split node takes its owner's place (MOA's behaviour);
/// - a prediction adds up the votes of every leaf the instance reaches, through alternate subtrees too (except
///   an alternate that is a bare leaf), each leaf's votes scaled to sum to 1/e² (e its ADWIN error estimate).
///
/// It takes ``HoeffdingTree/Configuration`` (MOA's HAT has the same options). MOA's HAT never runs the memory
/// manager nor pre-prunes a leaf into an inactive one, so neither does this one; `maxByteSize`,
/// `memoryEstimatePeriod`, `stopMemoryManagement` and `removePoorAttributes` have no effect here.
///
/// Nodes live in one dense array with a free list; subtrees that fall out of the tree are recycled after the
/// instance that dropped them has been learned.
public struct HoeffdingAdaptiveTree: Classifier {
    /// The hyperparameters: the same as the Hoeffding tree's.
    public typealias Configuration = HoeffdingTree.Configuration

    /// One node: statistics, split test and children, the alternate tree (-1 for none), the error monitor and
    /// the generator of the leaf's Poisson weights.
    struct Node: Sendable {
        var stats: LearningLeaf
        var isSplit = false
        var isFree = false
        var test: SplitTest?
        var children: [Int] = []
        var alternate = -1
        var detector: ADWIN?
        var poisson = JavaRandom(seed: 1)
    }

    /// The stream schema.
    public let header: Header
    /// The hyperparameters.
    public let configuration: Configuration
    let schema: ObserverSchema
    var random: RandomSource
    var nodes: [Node] = []
    var freeNodes: [Int] = []
    var root = -1
    var needsSweep = false
    /// The latest leaf prediction made while learning the current instance (not part of the saved state).
    var predictionCache = CachedPrediction()
    /// How many alternate trees have been started.
    public internal(set) var alternateTreeCount = 0
    /// How many alternate trees replaced the subtree they were grown for.
    public internal(set) var switchedAlternateTreeCount = 0
    /// How many alternate trees were discarded as worse.
    public internal(set) var prunedAlternateTreeCount = 0
    /// The total weight of the instances learned so far.
    public internal(set) var trainingWeight = 0.0

    /// Creates an empty tree.
    /// - Parameters:
    ///   - header: The stream schema.
    ///   - configuration: The hyperparameters; MOA's defaults when omitted.
    ///   - seed: Seeds the generator of random attribute subspaces (unused otherwise).
    /// - Throws: ``ConfigurationError`` when a hyperparameter is out of range.
    public init(header: Header, configuration: Configuration = Configuration(), seed: UInt64 = 1) throws {
        try configuration.validate()
        self.header = header
        self.configuration = configuration
        schema = ObserverSchema(header)
        random = RandomSource(seed: seed)
    }

    /// The number of nodes in the tree, alternate subtrees included.
    public var nodeCount: Int { nodes.count - freeNodes.count }

    /// The number of split nodes reachable from the root without entering alternate trees.
    public var decisionNodeCount: Int {
        guard root >= 0 else { return 0 }
        var count = 0
        var stack = [root]
        while let n = stack.popLast() {
            guard nodes[n].isSplit else { continue }
            count += 1
            stack += nodes[n].children.filter { $0 >= 0 }
        }
        return count
    }

    /// Stores a new node, reusing a free slot when there is one, and returns its index.
    mutating func allocate(_ node: Node) -> Int {
        if let i = freeNodes.popLast() {
            nodes[i] = node
            return i
        }
        nodes.append(node)
        return nodes.count - 1
    }

    /// A new learning leaf with the given class distribution.
    mutating func newLeaf(_ stats: LearningLeaf) -> Int { allocate(Node(stats: stats)) }

    /// Puts `child` under `parent` on `branch`, or at the root when `parent` is -1 (MOA's `setChild`).
    mutating func place(_ child: Int, parent: Int, branch: Int) {
        if parent < 0 {
            root = child
        } else {
            if branch >= nodes[parent].children.count {
                nodes[parent].children += Array(repeating: -1, count: branch + 1 - nodes[parent].children.count)
            }
            nodes[parent].children[branch] = child
        }
        needsSweep = true
    }

    /// The child `x` follows from split node `n`: nil when the value is missing, -1 when the branch is empty.
    func child(of n: Int, for x: Instance) -> (branch: Int, node: Int)? {
        guard let test = nodes[n].test else { return nil }
        let k = test.attribute < schema.valueCounts.count ? schema.valueCounts[test.attribute] : 0
        guard let branch = test.branch(for: x, valueCount: k) else { return nil }
        let children = nodes[n].children.count
        return (branch, branch < children ? nodes[n].children[branch] : -1)
    }

    /// The error estimate of node `n`'s monitor (0 before it has one).
    func errorEstimate(_ n: Int) -> Double { nodes[n].detector?.estimation ?? 0 }

    /// The width of node `n`'s error window (0 before it has a monitor).
    func errorWidth(_ n: Int) -> Int { nodes[n].detector?.width ?? 0 }

    /// A leaf's prediction for the instance being learned: the leaf (-1 for none), its class, and naive Bayes'
    /// class when the leaf voted with naive Bayes.
    struct CachedPrediction: Sendable {
        var node = -1
        var predicted = 0
        var naiveBayesClass: Int?
    }

    /// Frees every node no longer reachable from the root through children and alternates.
    mutating func sweep() {
        needsSweep = false
        var reachable = [Bool](repeating: false, count: nodes.count)
        var stack = root >= 0 ? [root] : []
        while let n = stack.popLast() {
            guard !reachable[n] else { continue }
            reachable[n] = true
            for c in nodes[n].children where c >= 0 { stack.append(c) }
            if nodes[n].alternate >= 0 { stack.append(nodes[n].alternate) }
        }
        for i in nodes.indices where !reachable[i] && !nodes[i].isFree {
            nodes[i] = Node(stats: LearningLeaf(classCounts: [], observedClasses: 0), isFree: true)
            freeNodes.append(i)
        }
    }

    /// Learns one labelled instance (test-then-train order is the caller's: predict first, then learn).
    /// - Parameters:
    ///   - x: The instance; missing values are `nan`.
    ///   - label: Its class index; labels outside the header's classes are ignored.
    ///   - weight: Its weight; a weight that is not positive and finite is ignored.
    public mutating func learn(_ x: Instance, label: Int, weight: Double) {
        guard accepts(label: label, weight: weight) else { return }
        trainingWeight += weight
        if root < 0 { root = newLeaf(LearningLeaf(classCount: header.classCount)) }
        predictionCache = CachedPrediction()
        learn(node: root, x, label: label, weight: weight, parent: -1, branch: -1)
        predictionCache = CachedPrediction()
        if needsSweep { sweep() }
    }

    /// The class distribution predicted for `x`: MOA's votes normalised to sum to 1 (uniform when untrained).
    public func probabilities(for x: Instance) -> [Double] {
        var out = [Double](repeating: 0, count: header.classCount)
        out.withUnsafeMutableBufferPointer { votes(for: x, into: $0) }
        normalize(&out)
        return out
    }

    /// The class with the largest summed vote, picked as MOA picks it (the first largest; 0 before training).
    public func predict(_ x: Instance) -> Int {
        guard header.classCount > 0 else { return 0 }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: header.classCount) { buffer in
            votes(for: x, into: buffer)
            return moaMaxIndex(buffer)
        }
    }
}
