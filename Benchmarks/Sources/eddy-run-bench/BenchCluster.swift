import KafkaClient

/// Where the bench's topics live: the embedded broker, or a real Kafka cluster (`brokers=host:port`), which
/// only the latency phase (d) supports — the other phases read topics the embedded broker pre-fills.
///
/// On a real cluster the topics are created through the Admin API with the brokers' default replication,
/// and every name carries the run's id, so runs never share a topic or a group.
struct BenchCluster: Sendable {
    let bootstrapServers: String
    private let embedded: EmbeddedBroker?
    private let admin: KafkaAdmin?

    /// The embedded broker.
    init(embedded broker: EmbeddedBroker) {
        bootstrapServers = broker.bootstrapServers
        embedded = broker
        admin = nil
    }

    /// A real cluster reached at `bootstrapServers`.
    init(bootstrapServers: String) throws {
        self.bootstrapServers = bootstrapServers
        embedded = nil
        admin = try KafkaAdmin(bootstrapServers: bootstrapServers)
    }

    /// True for a real cluster.
    var isExternal: Bool { admin != nil }

    /// Creates a topic with `partitions` partitions.
    func createTopic(_ name: String, partitions: Int) async throws {
        if let embedded {
            try embedded.createTopic(name, partitions: partitions)
        } else if let admin {
            try await admin.createTopics([KafkaAdmin.NewTopic(name: name, partitions: partitions)])
        }
    }
}
