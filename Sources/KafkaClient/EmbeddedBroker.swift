import Logging

/// An in-process Kafka cluster for tests and demos: librdkafka's mock cluster, reachable over TCP.
///
/// It speaks the Kafka protocol on 127.0.0.1, so any client in any process (including `kcat`) can use
/// ``bootstrapServers``. It also injects faults: brokers going down and up, request errors, round-trip delay.
///
/// What librdkafka 2.0.2's mock cluster does **not** do (measured), and what to do about it:
/// - Topics exist only through ``createTopic(_:partitions:replicationFactor:)`` or auto-creation; the Admin
///   API (`CreateTopics`) times out.
/// - Transactions are accepted but not enforced: no commit/abort markers (`read_committed` consumers see
///   aborted records), offsets sent to a transaction are not stored, no producer fencing.
/// - No log compaction; offsets-for-times answers -1.
/// - Each partition keeps roughly 5 MiB; older records silently vanish beyond that.
/// - Group joins and leaves wait `session.timeout.ms` minus one second: tests use `session.timeout.ms=6000`.
/// - Offset commits during a rebalance fail with REBALANCE_IN_PROGRESS (real Kafka accepts them from the
///   current generation), so offsets stored just before a membership change may be re-read: commit first.
/// - Its sockets leave Nagle's algorithm on, which made a producer writing to many partitions wait ~40 ms
///   per pipelined response; the embedded broker sets `TCP_NODELAY` on the listeners, as Kafka brokers do
///   (a produce to 64 partitions is acknowledged in ~6 ms instead of ~45 ms).
/// - Ports are chosen by the OS on each start (no fixed ports). Set `reconnect.backoff.max.ms` low (e.g. 100)
///   on clients so they notice a broker coming back quickly.
///
/// Exactly-once behaviour therefore needs a real Kafka (the `EDDY_TEST_BROKERS` integration suite).
public final class EmbeddedBroker: Sendable {
    private let cluster: RDKafkaMockCluster

    /// The brokers' `host:port` list, for `bootstrap.servers`.
    public let bootstrapServers: String
    /// How many brokers the cluster has (ids `1...brokerCount`).
    public let brokerCount: Int

    /// Starts a cluster; it serves until this object is released.
    ///
    /// - Parameters:
    ///   - brokers: the number of brokers (≥ 1).
    ///   - logger: receives the mock cluster's log lines.
    /// - Throws: ``KafkaError`` (`.invalidArgument` for fewer than one broker) when the cluster cannot start.
    public init(brokers: Int = 1, logger: Logger = Logger(label: "eddy.kafka.embedded-broker")) throws {
        guard brokers >= 1 else {
            throw KafkaError(
                code: .invalidArgument, message: "An embedded broker needs at least 1 broker, got \(brokers).",
                context: [KafkaMetadataKey.brokers: String(brokers)])
        }
        cluster = try RDKafkaMockCluster(brokers: brokers, logger: logger)
        bootstrapServers = cluster.bootstrapServers
        brokerCount = brokers
    }

    /// Creates a topic (the mock's own call; the Admin API does not work here).
    ///
    /// - Parameters:
    ///   - name: the topic name.
    ///   - partitions: the number of partitions (≥ 1).
    ///   - replicationFactor: replicas per partition (≤ ``brokerCount``).
    /// - Throws: ``KafkaError`` when the topic exists or the arguments are invalid.
    public func createTopic(_ name: String, partitions: Int, replicationFactor: Int = 1) throws {
        guard partitions >= 1, (1...brokerCount).contains(replicationFactor) else {
            throw KafkaError(
                code: .invalidArgument,
                message: "A topic needs partitions ≥ 1 and a replication factor in 1...\(brokerCount).",
                context: [KafkaMetadataKey.topic: name, KafkaMetadataKey.partitions: String(partitions),
                          KafkaMetadataKey.replicationFactor: String(replicationFactor)])
        }
        try cluster.createTopic(name, partitions: Int32(clamping: partitions), replicationFactor: Int32(replicationFactor))
    }

    /// Disconnects a broker (or all) and refuses new connections; partition leadership does not move.
    ///
    /// - Parameter broker: the broker id, or `nil` for every broker.
    /// - Throws: ``KafkaError`` for an unknown broker.
    public func setBrokerDown(_ broker: Int32? = nil) throws {
        try cluster.setBroker(broker ?? -1, up: false)
    }

    /// Lets a broker (or all) accept connections again.
    ///
    /// - Parameter broker: the broker id, or `nil` for every broker.
    /// - Throws: ``KafkaError`` for an unknown broker.
    public func setBrokerUp(_ broker: Int32? = nil) throws {
        try cluster.setBroker(broker ?? -1, up: true)
    }

    /// Delays every response of a broker (or all) by `delay`.
    ///
    /// - Parameters:
    ///   - delay: the added round-trip time (zero removes it).
    ///   - broker: the broker id, or `nil` for every broker.
    /// - Throws: ``KafkaError`` for an unknown broker.
    public func setRoundTripTime(_ delay: Duration, broker: Int32? = nil) throws {
        try cluster.setRoundTripTime(delay.milliseconds, broker: broker ?? -1)
    }

    /// Moves a partition's leadership to another broker (clients must follow: a realistic fault).
    ///
    /// - Parameters:
    ///   - topic: the topic.
    ///   - partition: the partition.
    ///   - broker: the new leader's id, or -1 for no leader.
    /// - Throws: ``KafkaError`` for an unknown broker.
    public func setPartitionLeader(topic: String, partition: Int32, broker: Int32) throws {
        try cluster.setLeader(topic: topic, partition: partition, broker: broker)
    }

    /// Makes the next requests of one kind fail with the given errors, in order (one error per request).
    ///
    /// - Parameters:
    ///   - errors: the protocol errors to answer with; ``InjectedError/disconnect`` drops the connection.
    ///   - request: which request kind fails.
    public func injectErrors(_ errors: [InjectedError], into request: Request) {
        cluster.pushRequestErrors(apiKey: request.apiKey, errors: errors.map(\.rawValue))
    }

    /// Removes errors still waiting from ``injectErrors(_:into:)``.
    ///
    /// - Parameter request: the request kind.
    public func clearInjectedErrors(for request: Request) {
        cluster.clearRequestErrors(apiKey: request.apiKey)
    }
}

extension EmbeddedBroker {
    /// A Kafka protocol request kind (its API key), the target of injected errors.
    public struct Request: Sendable, Hashable {
        /// The Kafka protocol API key.
        public var apiKey: Int16
        /// Creates a request kind from its API key.
        ///
        /// - Parameter apiKey: the Kafka protocol API key.
        public init(apiKey: Int16) { self.apiKey = apiKey }

        /// Produce (0).
        public static let produce = Request(apiKey: 0)
        /// Fetch (1).
        public static let fetch = Request(apiKey: 1)
        /// ListOffsets (2).
        public static let listOffsets = Request(apiKey: 2)
        /// Metadata (3).
        public static let metadata = Request(apiKey: 3)
        /// OffsetCommit (8).
        public static let offsetCommit = Request(apiKey: 8)
        /// OffsetFetch (9).
        public static let offsetFetch = Request(apiKey: 9)
        /// FindCoordinator (10).
        public static let findCoordinator = Request(apiKey: 10)
        /// JoinGroup (11).
        public static let joinGroup = Request(apiKey: 11)
        /// Heartbeat (12).
        public static let heartbeat = Request(apiKey: 12)
        /// SyncGroup (14).
        public static let syncGroup = Request(apiKey: 14)
        /// InitProducerId (22).
        public static let initProducerID = Request(apiKey: 22)
        /// AddPartitionsToTxn (24).
        public static let addPartitionsToTransaction = Request(apiKey: 24)
        /// EndTxn (26).
        public static let endTransaction = Request(apiKey: 26)
    }

    /// A Kafka protocol error code a broker answers with, for fault injection.
    public struct InjectedError: Sendable, Hashable {
        /// librdkafka's / Kafka's numeric error code.
        public var rawValue: Int32
        /// Creates an error from its numeric code.
        ///
        /// - Parameter rawValue: a Kafka protocol error code (or librdkafka's -195 for a disconnect).
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// The broker closes the connection instead of answering (librdkafka `_TRANSPORT`).
        public static let disconnect = InjectedError(rawValue: -195)
        /// UNKNOWN_TOPIC_OR_PARTITION (3).
        public static let unknownTopicOrPartition = InjectedError(rawValue: 3)
        /// LEADER_NOT_AVAILABLE (5), retriable.
        public static let leaderNotAvailable = InjectedError(rawValue: 5)
        /// NOT_LEADER_FOR_PARTITION (6), retriable.
        public static let notLeaderForPartition = InjectedError(rawValue: 6)
        /// REQUEST_TIMED_OUT (7), retriable.
        public static let requestTimedOut = InjectedError(rawValue: 7)
        /// MESSAGE_TOO_LARGE (10).
        public static let messageTooLarge = InjectedError(rawValue: 10)
        /// COORDINATOR_NOT_AVAILABLE (15), retriable.
        public static let coordinatorNotAvailable = InjectedError(rawValue: 15)
        /// NOT_COORDINATOR (16), retriable.
        public static let notCoordinator = InjectedError(rawValue: 16)
        /// NOT_ENOUGH_REPLICAS (19), retriable.
        public static let notEnoughReplicas = InjectedError(rawValue: 19)
        /// REBALANCE_IN_PROGRESS (27).
        public static let rebalanceInProgress = InjectedError(rawValue: 27)
        /// INVALID_TXN_STATE (48).
        public static let invalidTransactionState = InjectedError(rawValue: 48)
        /// CONCURRENT_TRANSACTIONS (51), retriable.
        public static let concurrentTransactions = InjectedError(rawValue: 51)
        /// PRODUCER_FENCED (90).
        public static let producerFenced = InjectedError(rawValue: 90)
    }
}
