import FeatureExtraction
import Foundation
import KafkaClient
import Logging

/// The state of ``StreamRuntime``'s loop: the pipelines, the assignment, records held for schema inference,
/// and the metrics exporter. One task owns it; nothing in it is shared.
struct BatchLoop {
    let runtime: StreamRuntime
    let consumer: KafkaConsumer
    let producer: KafkaProducer
    var router: (any PartitionRouting)?
    var bootstrap: SchemaBootstrap
    /// Records polled before the schema was known, in poll order.
    var held: [KafkaMessage] = []
    var heldSince: ContinuousClock.Instant?
    var assignedInputs = Set<KafkaTopicPartition>()
    /// The next offset to process, per assigned input partition (for the lag gauge).
    var positions: [KafkaTopicPartition: Int64] = [:]
    let metrics = RuntimeMetrics()
    var lastExport = ContinuousClock.now
    var lastLag = ContinuousClock.now - .seconds(60)
    var recordsProcessed = 0
    var outputs: [OutputRecord] = []
    /// Sent batches whose offsets wait for their outputs' acknowledgement, oldest first.
    var inFlight: [InFlightBatch] = []
    /// The input records of the batches in ``inFlight``.
    var inFlightRecords = 0
    /// How many polled records may await their outputs' acknowledgement while the next batch is processed.
    ///
    /// Enough for the acknowledgement round trip at full speed (measured on the embedded broker: 10-50 ms at
    /// 140,000 events/s); beyond it the loop waits for the oldest batch. It bounds the records held in
    /// memory and those re-read after a crash besides the uncommitted ones.
    static let maxInFlightRecords = 32_000

    /// A batch whose outputs were sent: what storing it and counting it needs once they are acknowledged.
    struct InFlightBatch {
        var acknowledgement: KafkaDeliveryAcknowledgement?
        var batch: [KafkaMessage]
        var outputs: [OutputRecord]
        /// When the outputs were handed to the producer.
        var sentAt: ContinuousClock.Instant
    }

    /// Creates the loop; with `EDDY_SCHEMA` the pipelines are ready at once.
    /// - Throws: ``ConfigurationKeyError`` for `EDDY_SCHEMA` when the file is missing or invalid.
    init(runtime: StreamRuntime, consumer: KafkaConsumer, producer: KafkaProducer) throws {
        self.runtime = runtime
        self.consumer = consumer
        self.producer = producer
        do {
            bootstrap = try SchemaBootstrap(configuration: runtime.settings.pipeline)
        } catch {
            throw ConfigurationKeyError(key: "EDDY_SCHEMA", value: runtime.settings.pipeline.schemaPath ?? "",
                                        accepted: "a readable data dictionary JSON file (\(error))")
        }
        if let dictionary = bootstrap.dictionary { try start(with: dictionary) }
    }

    var settings: ProcessSettings { runtime.settings }
    var logger: Logger { runtime.logger }

    /// Builds the pipelines' router for `dictionary` and creates a pipeline for every assigned partition.
    mutating func start(with dictionary: DataDictionary) throws {
        var router = try PipelineFactory.build(
            spec: settings.model, dictionary: dictionary, topic: "", configuration: settings.pipeline, visitor: RouterBuilder(workers: settings.runtime.effectiveWorkers))
        for tp in assignedInputs { try router.assign(topic: tp.topic, partition: tp.partition) }
        self.router = router
    }

    /// One poll and, when records came, one processed, published, acknowledged and stored batch.
    mutating func step() async throws {
        let batch = try await consumer.poll(maxMessages: settings.runtime.batchSize,
                                            timeout: .milliseconds(settings.runtime.pollTimeoutMilliseconds))
        let polledAt = ContinuousClock.now
        try handleEvents()
        if router == nil {
            try await hold(batch)
        } else if !batch.isEmpty {
            try await process(batch, polledAt: polledAt)
        }
        // An idle poll drains every sent batch, so offsets and latency never wait for more input.
        if !inFlight.isEmpty { try await complete(keeping: batch.isEmpty ? 0 : Self.maxInFlightRecords) }
        let now = ContinuousClock.now
        if now - lastExport >= .seconds(1) { exportMetrics(); lastExport = now }
        if now - lastLag >= .seconds(2), !assignedInputs.isEmpty, measureLag() { lastLag = now }
    }

    /// Applies rebalances: a pipeline per newly assigned input partition, none for revoked or lost ones.
    mutating func handleEvents() throws {
        let labels = settings.runtime.labelsTopic
        for event in consumer.events() {
            switch event {
            case .partitionsAssigned(let partitions):
                for tp in partitions where tp.topic != labels {
                    assignedInputs.insert(tp)
                    try router?.assign(topic: tp.topic, partition: tp.partition)
                }
                logger.info("Partitions assigned.", metadata: ["kafka.partitions": "\(partitions.map(\.description))"])
            case .partitionsRevoked(let partitions), .partitionsLost(let partitions):
                exportMetrics()
                for tp in partitions {
                    assignedInputs.remove(tp)
                    positions[tp] = nil
                    router?.revoke(topic: tp.topic, partition: tp.partition)
                }
                let gone = Set(partitions)
                held.removeAll { gone.contains(KafkaTopicPartition(topic: $0.topic, partition: $0.partition)) }
                logger.info("Partitions revoked.", metadata: ["kafka.partitions": "\(partitions.map(\.description))"])
            case .commitFailed(let error):
                logger.warning("An offset commit failed; the next one retries.", metadata: ["kafka.error": "\(error)"])
            case .error(let error):
                if error.isFatal { throw error }
                logger.warning("Kafka reported an error.", metadata: ["kafka.error": "\(error)"])
            }
        }
        runtime.status.assignedPartitions = assignedInputs.count
        metrics.assignedPartitions(assignedInputs.count)
    }

    /// Holds records until a schema can be inferred (``SchemaBootstrap``), then starts the pipelines and
    /// processes them; nothing held is stored before that, so a restart re-reads it.
    mutating func hold(_ batch: [KafkaMessage]) async throws {
        var known = false
        var inputs = 0
        for m in batch where m.topic != settings.runtime.labelsTopic {
            inputs += 1
            let record = InputRecord(topic: m.topic, partition: m.partition, offset: m.offset, key: m.key, value: m.value)
            do { known = try bootstrap.offer(record) } catch {
                throw PipelineError(code: "schema_inference", message: "no data dictionary could be inferred: \(error); set EDDY_SCHEMA")
            }
        }
        _ = bootstrap.takeBuffered()  // the loop holds the messages themselves, to store their offsets later
        held += batch
        // The inference clock starts with the first input record (labels alone cannot make a schema).
        if heldSince == nil, inputs > 0 { heldSince = .now }
        guard let since = heldSince else { return }
        if !known {
            guard ContinuousClock.now - since >= runtime.inferenceWindow else { return }
            do { _ = try bootstrap.finish() } catch {
                throw PipelineError(code: "schema_inference", message: "no data dictionary could be inferred from the first records: \(error); set EDDY_SCHEMA")
            }
        }
        guard let dictionary = bootstrap.dictionary else { return }
        let json = dictionary.jsonString()
        logger.info("Inferred the data dictionary; pin it with EDDY_SCHEMA.", metadata: ["eddy.records": "\(held.count)", "eddy.schema": .string(json)])
        writeInferredSchema(json)
        try start(with: dictionary)
        let records = held
        held = []
        heldSince = nil
        var start = 0
        while start < records.count {
            let end = min(records.count, start + settings.runtime.batchSize)
            try await process(Array(records[start..<end]), polledAt: .now)
            start = end
        }
    }

    /// Writes the inferred dictionary to `EDDY_STATE_DIR/inferred-schema.json` (best effort).
    func writeInferredSchema(_ json: String) {
        let directory = settings.runtime.stateDirectory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(json.utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent("inferred-schema.json"), options: .atomic)
        } catch {
            logger.warning("Could not write the inferred data dictionary.", metadata: ["eddy.path": .string(directory), "eddy.error": "\(error)"])
        }
    }

    /// Processes one batch and hands its outputs to the producer; ``complete(keeping:)`` stores its offsets
    /// once they are acknowledged.
    /// - Parameters:
    ///   - batch: the polled records, input and label records mixed.
    ///   - polledAt: when the poll returned them (the start of the processing latency).
    mutating func process(_ batch: [KafkaMessage], polledAt: ContinuousClock.Instant) async throws {
        let labelsTopic = settings.runtime.labelsTopic
        var inputs: [InputRecord] = []
        var labels: [InputRecord] = []
        inputs.reserveCapacity(batch.count)
        for m in batch {
            let record = InputRecord(m)
            if m.topic == labelsTopic { labels.append(record) } else { inputs.append(record) }
        }
        outputs.removeAll(keepingCapacity: true)
        try router!.process(inputs: inputs, labels: labels, into: &outputs)
        let runtimeSettings = settings.runtime
        let messages = outputs.map { o in
            let topic = switch o.destination {
            case .predictions: runtimeSettings.predictionsTopic
            case .drift: runtimeSettings.driftTopic
            case .deadLetter: runtimeSettings.deadLetterTopic
            }
            return KafkaProducerMessage(topic: topic, key: o.key, value: o.value,
                                        headers: o.headers.map { KafkaHeader(name: $0.name, value: $0.value) })
        }
        let acknowledgement = messages.isEmpty ? nil : await producer.send(messages)
        let sentAt = ContinuousClock.now
        metrics.predicted(timestamps: inputs.lazy.compactMap(\.timestamp), processing: sentAt - polledAt,
                          nowMicroseconds: Int64(Date().timeIntervalSince1970 * 1_000_000))
        inFlight.append(InFlightBatch(acknowledgement: acknowledgement, batch: batch, outputs: outputs, sentAt: sentAt))
        inFlightRecords += batch.count
        // Records of one partition come in offset order, so the last of each run is its position.
        for (i, r) in inputs.enumerated() where i + 1 == inputs.count || inputs[i + 1].partition != r.partition || inputs[i + 1].topic != r.topic {
            positions[KafkaTopicPartition(topic: r.topic, partition: r.partition)] = r.offset + 1
        }
        try await complete(keeping: Self.maxInFlightRecords)
    }

    /// Stores the offsets of sent batches whose outputs are acknowledged, oldest first, waiting for the oldest
    /// while their records number more than `limit` (0 drains them all).
    ///
    /// Offsets are stored in batch order and only after a batch's outputs are acknowledged, so at-least-once
    /// holds while the acknowledgement round trip overlaps the next batches' processing. A batch whose
    /// partition was revoked meanwhile stores only the partitions still assigned; the new owner re-reads the rest.
    /// - Throws: ``PipelineError`` (`delivery_failed`) when outputs were not acknowledged (nothing later is stored);
    ///   ``KafkaError`` when storing fails otherwise.
    mutating func complete(keeping limit: Int) async throws {
        while let first = inFlight.first, inFlightRecords > limit || (first.acknowledgement?.isComplete ?? true) {
            inFlight.removeFirst()
            inFlightRecords -= first.batch.count
            if let acknowledgement = first.acknowledgement {
                do {
                    try await acknowledgement.acknowledged()
                } catch {
                    runtime.status.isProducerHealthy = false
                    inFlight.removeAll()
                    inFlightRecords = 0
                    throw PipelineError(code: "delivery_failed", message: "outputs of a batch were not acknowledged, so its offsets were not stored: \(error)")
                }
                runtime.status.isProducerHealthy = producer.fatalError == nil
            }
            do {
                try consumer.store(first.batch)
            } catch let error as KafkaError where error.code == .invalidState {
                let assigned = Set(try consumer.assignment())
                try consumer.store(first.batch.filter { assigned.contains(KafkaTopicPartition(topic: $0.topic, partition: $0.partition)) })
            }
            recordsProcessed += first.batch.count
            metrics.published(first.outputs, acknowledgedAfter: ContinuousClock.now - first.sentAt)
        }
    }

    /// Exports the pipelines' counters and gauges.
    mutating func exportMetrics() {
        guard router != nil else { return }
        router!.expireLabels()
        metrics.export(router!.snapshots(), labels: router!.labelCounts)
    }

    /// Sets the lag gauge of every assigned input partition from the high watermark its last fetch reported.
    ///
    /// The cached watermarks cost no request: asking each partition's leader (one round trip per partition
    /// on the consumer's executor, ahead of the next poll) stalled the loop for seconds with many partitions.
    /// - Returns: false while some partition has no fetch response yet (the caller tries again next step).
    mutating func measureLag() -> Bool {
        var complete = true
        for tp in assignedInputs {
            guard let marks = consumer.cachedWatermarks(topic: tp.topic, partition: tp.partition) else {
                complete = false
                continue
            }
            let next = positions[tp] ?? marks.low
            metrics.lag(topic: tp.topic, partition: tp.partition, records: marks.high - next)
        }
        return complete
    }
}
