extension AdaptiveRandomForest where Base == HoeffdingTree {
    /// The tree settings MOA's adaptive random forest uses (`ARFHoeffdingTree -e 2000000 -g 50 -c 0.01`):
    /// grace period 50, split confidence 0.01, memory estimated every 2,000,000 instances, the other settings
    /// the Hoeffding tree's defaults (tie threshold 0.05, naive-Bayes-adaptive leaves). The subspace size is
    /// set by the forest.
    public static var defaultTreeConfiguration: HoeffdingTree.Configuration {
        var c = HoeffdingTree.Configuration()
        c.gracePeriod = 50
        c.splitConfidence = 0.01
        c.memoryEstimatePeriod = 2_000_000
        return c
    }

    /// Creates the published forest: random-subspace Hoeffding trees whose leaves each watch
    /// `subspaceSize` attributes drawn at random.
    /// - Parameters:
    ///   - header: the stream's schema.
    ///   - configuration: the forest's hyperparameters.
    ///   - tree: the trees' hyperparameters; its `attributeSubsetSize` is replaced by the subspace size.
    ///   - subspaceSize: the subspace rule; 60 % of the attributes by default (MOA `-o Percentage -m 60`),
    ///     so 2 of SEA's 3.
    ///   - seed: the seed of the forest's weights and of the trees' attribute draws.
    /// - Throws: ``ConfigurationError`` for an invalid forest or tree configuration.
    public init(header: Header, configuration: Configuration = Configuration(),
                tree: HoeffdingTree.Configuration = defaultTreeConfiguration,
                subspaceSize: RandomSubspaceSize = .percentage(60), seed: UInt64 = 1) throws {
        var treeConfiguration = tree
        treeConfiguration.attributeSubsetSize = subspaceSize.size(attributeCount: header.attributeCount)
        let prototype = try HoeffdingTree(header: header, configuration: treeConfiguration, seed: seed &+ 0x9E37_79B9)
        try self.init(prototype: prototype, configuration: configuration, seed: seed)
    }
}
