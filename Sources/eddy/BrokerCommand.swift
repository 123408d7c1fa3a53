import ArgumentParser
import KafkaClient
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `eddy broker`: runs the embedded Kafka broker on its own, for demos, manual testing and other processes.
struct BrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker",
        abstract: "Run the embedded Kafka broker (librdkafka's mock cluster) until SIGINT or SIGTERM.",
        discussion: """
            Prints one line `bootstrap: HOST:PORT[,HOST:PORT...]` once the brokers listen; pass it to any Kafka \
            client as bootstrap.servers. Limits of the embedded broker: topics come from --topic or \
            auto-creation (the Admin API times out), transactions are accepted but not enforced, no \
            compaction, offsets-for-times answers -1, about 5 MiB per partition, group joins wait \
            session.timeout.ms minus one second, ports change on every start.
            """
    )

    @Option(help: "The number of brokers (ids 1...N).")
    var brokers: Int = 1

    @Option(name: .customLong("topic"), help: "A topic to create, NAME:PARTITIONS (repeatable; PARTITIONS defaults to 1).")
    var topics: [TopicSpecification] = []

    func validate() throws {
        guard brokers >= 1 else { throw ValidationError("--brokers must be at least 1, got \(brokers).") }
    }

    func run() async throws {
        let logger = Logger(label: "eddy.broker") { StreamLogHandler.standardError(label: $0) }
        let broker = try EmbeddedBroker(brokers: brokers, logger: logger)
        for topic in topics {
            try broker.createTopic(topic.name, partitions: topic.partitions, replicationFactor: min(3, brokers))
        }
        TerminationSignal.install()
        print("bootstrap: \(broker.bootstrapServers)")
        fflush(nil)  // flush every output stream: the line must reach a pipe reader at once
        logger.info(
            "Embedded broker is serving.",
            metadata: [KafkaMetadataKey.brokers: "\(brokers)", KafkaMetadataKey.topics: "\(topics.map(\.description))"])
        while !TerminationSignal.received {
            try await Task.sleep(for: .milliseconds(100))
        }
        logger.info("Embedded broker is stopping.")
        withExtendedLifetime(broker) {}
    }
}

/// A `NAME:PARTITIONS` command-line topic specification.
struct TopicSpecification: ExpressibleByArgument, CustomStringConvertible {
    /// The topic name.
    var name: String
    /// The number of partitions (≥ 1).
    var partitions: Int

    init?(argument: String) {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty else { return nil }
        let partitions = parts.count == 2 ? Int(parts[1]) : 1
        guard let partitions, partitions >= 1 else { return nil }
        self.name = String(parts[0])
        self.partitions = partitions
    }

    var description: String { "\(name):\(partitions)" }
}

/// Records SIGINT/SIGTERM in an atomic flag (async-signal-safe) that the serving loop checks.
enum TerminationSignal {
    private static let flag = Atomic<Bool>(false)

    /// Whether SIGINT or SIGTERM arrived.
    static var received: Bool { flag.load(ordering: .relaxed) }

    /// Installs the handlers.
    static func install() {
        signal(SIGINT) { _ in TerminationSignal.flag.store(true, ordering: .relaxed) }
        signal(SIGTERM) { _ in TerminationSignal.flag.store(true, ordering: .relaxed) }
    }
}
