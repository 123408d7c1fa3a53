import FeatureExtraction
import Foundation
import KafkaClient
import Logging
import ServiceLifecycle

/// `eddy run`: the consumer-group loop that moves Kafka records through the partition pipelines and
/// publishes their outputs, at least once.
///
/// One batch at a time: poll (rebalances are applied inside the poll: a pipeline is created for each newly
/// assigned input partition and dropped for each revoked one) → process the input records per partition
/// (the partitions of a batch on up to `EDDY_WORKERS` threads at once), then the label records → produce every output (predictions, drift events, dead letters, keyed as the
/// pipeline says) → store the batch's offsets once all of them are acknowledged (the records of up to
/// `BatchLoop.maxInFlightRecords` await their outputs' acknowledgement while the next batches are processed;
/// offsets are stored in batch order; an idle poll and shutdown drain them). Stored
/// offsets are committed by the consumer every `EDDY_COMMIT_INTERVAL_MS`, on revocation and at shutdown, so
/// an offset is never committed before the outputs of its record are acknowledged: after a crash the
/// records since the last commit are processed again (at-least-once; exactly-once is a later issue).
///
/// Blocking librdkafka calls run on KafkaClient's own threads; this loop only awaits them. On graceful
/// shutdown (SIGTERM/SIGINT through swift-service-lifecycle) it finishes the current batch, flushes the
/// producer, commits, leaves the group and returns.
///
/// Without `EDDY_SCHEMA`, the first `EDDY_SCHEMA_INFER_EVENTS` input records (or those that arrived within
/// ``inferenceWindow`` of the first) are held, a data dictionary is inferred from them and logged (and
/// written to `EDDY_STATE_DIR/inferred-schema.json`), and then they are processed like any batch.
public final class StreamRuntime: Service {
    /// The settings.
    public let settings: ProcessSettings
    /// What `/readyz` reads.
    public let status: RuntimeStatus
    let logger: Logger
    /// How long to wait for `EDDY_SCHEMA_INFER_EVENTS` events before inferring from fewer.
    public let inferenceWindow: Duration

    /// Creates the runtime; nothing connects until ``run()``.
    /// - Parameters:
    ///   - settings: every setting, already checked.
    ///   - status: the readiness flags to keep current.
    ///   - logger: the runtime's logger.
    ///   - inferenceWindow: how long to wait for `EDDY_SCHEMA_INFER_EVENTS` events before inferring from fewer.
    public init(settings: ProcessSettings, status: RuntimeStatus = RuntimeStatus(), logger: Logger,
                inferenceWindow: Duration = .seconds(10)) {
        self.settings = settings
        self.inferenceWindow = inferenceWindow
        self.status = status
        self.logger = logger
    }

    /// The consumer's librdkafka settings: the group, explicit offset stores committed every
    /// `EDDY_COMMIT_INTERVAL_MS`, a prefetch queue that holds more than a second of input, then the
    /// `EDDY_KAFKA_` properties that are not producer-only.
    var consumerConfiguration: KafkaConsumer.Configuration {
        var properties = [
            "enable.auto.commit": "true",
            "auto.commit.interval.ms": String(settings.runtime.commitIntervalMilliseconds),
            "client.id": "eddy",
            "queued.min.messages": Self.prefetchMessages,
        ]
        properties.merge(settings.kafka.consumer) { _, explicit in explicit }
        return .init(bootstrapServers: settings.runtime.brokers, groupID: settings.runtime.groupID, properties: properties)
    }

    /// Eddy's default for librdkafka's `queued.min.messages` (librdkafka's own is 100,000).
    ///
    /// Once its prefetch queue holds `queued.min.messages` messages (or `queued.max.messages.kbytes`,
    /// 64 MiB by default), librdkafka 2.0.2 stops fetching and looks again only when its broker thread next
    /// wakes, up to a second later; librdkafka's advice is to size the queue for a second of data. At
    /// 100,000 messages a backlog drained at 300,000 events/s stalled for 0.5 s every few hundred
    /// milliseconds (measured on the embedded broker: 130k → 280k events/s with this setting). The byte limit
    /// still bounds the memory. `EDDY_KAFKA_QUEUED_MIN_MESSAGES` overrides it.
    static let prefetchMessages = "1000000"

    /// The producer's librdkafka settings: idempotent, then the `EDDY_KAFKA_` properties that are not consumer-only.
    var producerConfiguration: KafkaProducer.Configuration {
        var properties = ["client.id": "eddy"]
        properties.merge(settings.kafka.producer) { _, explicit in explicit }
        return .init(bootstrapServers: settings.runtime.brokers, idempotent: true, properties: properties)
    }

    /// Runs until graceful shutdown or a fatal error.
    /// - Throws: ``ConfigurationKeyError`` when librdkafka refuses an `EDDY_KAFKA_` property or the schema
    ///   cannot be read; ``PipelineError`` when outputs cannot be delivered (offsets are then not stored) or
    ///   no schema can be inferred; ``KafkaError`` for a fatal consumer error.
    public func run() async throws {
        let runtime = settings.runtime
        let consumer: KafkaConsumer
        let producer: KafkaProducer
        do {
            consumer = try KafkaConsumer(configuration: consumerConfiguration, logger: logger)
            producer = try KafkaProducer(configuration: producerConfiguration, logger: logger)
        } catch let error as KafkaError where error.code == .configuration {
            throw Self.configurationError(error, kafka: settings.kafka)
        }
        var loop = try BatchLoop(runtime: self, consumer: consumer, producer: producer)
        let topics = runtime.inputTopics + (runtime.labelsTopic.map { [$0] } ?? [])
        try consumer.subscribe(to: topics)
        logger.info("Eddy is consuming.", metadata: [
            "eddy.topics": .array(topics.map { .string($0) }), "eddy.group": .string(runtime.groupID),
            "eddy.model": .string(settings.model.displayName), "kafka.brokers": .string(runtime.brokers),
            "kafka.properties": .dictionary(settings.kafka.redacted.mapValues { .string($0) }),
        ])
        var failure: (any Error)?
        do {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                try await loop.step()
            }
            try await loop.complete(keeping: 0)  // store the offsets of every acknowledged batch before the commit
        } catch {
            failure = error
        }
        status.isStopping = true
        logger.info("Eddy is stopping: flushing, committing and leaving the group.")
        try? await producer.flush(timeout: .seconds(30))
        if failure == nil {
            do { try await consumer.commit() } catch {
                logger.warning("The final commit failed; the next owner re-reads from the previous commit.",
                               metadata: ["kafka.error": "\(error)"])
            }
        }
        do { try await consumer.close() } catch {
            logger.warning("Leaving the group failed.", metadata: ["kafka.error": "\(error)"])
        }
        await producer.close()
        loop.exportMetrics()
        if let failure { throw failure }
        logger.info("Eddy stopped.", metadata: ["eddy.records": "\(loop.recordsProcessed)"])
    }

    /// Turns librdkafka's refusal of a property into an error naming the `EDDY_KAFKA_` variable.
    static func configurationError(_ error: KafkaError, kafka: KafkaProperties) -> ConfigurationKeyError {
        let property = error.context[KafkaMetadataKey.configKey] ?? ""
        let variable = kafka.variables[property] ?? (property.isEmpty ? "EDDY_KAFKA_*"
            : KafkaProperties.prefix + property.uppercased().replacingOccurrences(of: ".", with: "_"))
        let value = KafkaProperties.isSecret(property: property) ? "<redacted>" : kafka.properties[property] ?? ""
        return ConfigurationKeyError(key: variable, value: value, accepted: "a value librdkafka accepts: \(error.message)")
    }
}
