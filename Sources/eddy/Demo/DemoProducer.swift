import Foundation
import KafkaClient
import StreamProcessor


/// Publishes the demo's drifting stream to the input topic at a steady rate, and the delayed labels to the
/// labels topic a little later, recording every event in the ``DemoLedger``.
///
/// Pacing: every tick (20 ms) it publishes the events due by then (`rate × elapsed`), so the input rate is
/// steady whatever the batch sizes. Events go round-robin over the input partitions (event `i` to
/// partition `i mod partitions`), so an input offset maps back to an event index. Delivery is checked: a
/// batch that cannot be acknowledged stops the demo with the broker's error.
struct DemoProducer {
    /// The topics and rates to publish with.
    let topics: DemoTopics
    /// Events per second.
    let rate: Int
    /// How long a delayed label waits before it is published.
    let labelDelay: Duration
    /// The stream to publish.
    var stream: DriftingStream
    /// Where published events are recorded.
    let ledger: DemoLedger
    /// Set to end early (SIGINT).
    let stop: DemoStop

    /// Publishes `stream.configuration.events` events over `events / rate` seconds (or until ``stop``).
    /// - Parameter producer: the Kafka producer (flushed, not closed, at the end).
    /// - Throws: ``KafkaError`` when a batch is not acknowledged.
    mutating func run(producer: KafkaProducer) async throws {
        let total = stream.configuration.events
        let start = ContinuousClock.now
        var pendingLabels: [(due: ContinuousClock.Instant, record: [UInt8], key: [UInt8])] = []
        var acknowledgements: [KafkaDeliveryAcknowledgement] = []
        while stream.index < total, !stop.isRequested {
            let now = ContinuousClock.now
            let elapsed = (now - start).seconds
            let due = min(total, Int(Double(rate) * elapsed) + 1)
            var batch: [KafkaProducerMessage] = []
            var labels: [Int8] = [], sent: [Int64] = [], defects: [String] = []
            let wall = Date().timeIntervalSince1970
            let wallMilliseconds = Int64((wall * 1000).rounded())
            while stream.index < due {
                let event = stream.next(time: wall)
                let key = Array(event.id.utf8)
                batch.append(KafkaProducerMessage(
                    topic: topics.input, partition: Int32(event.index % topics.partitions), key: key, value: event.value))
                labels.append(event.defect == nil ? Int8(event.label) : -1)
                sent.append(wallMilliseconds)
                if let defect = event.defect { defects.append(defect.rawValue) }
                if let record = event.labelRecord { pendingLabels.append((now + labelDelay, record, key)) }
            }
            var dueLabels = 0
            while dueLabels < pendingLabels.count, pendingLabels[dueLabels].due <= now { dueLabels += 1 }
            for label in pendingLabels.prefix(dueLabels) {
                batch.append(KafkaProducerMessage(topic: topics.labels, key: label.key, value: label.record))
            }
            pendingLabels.removeFirst(dueLabels)
            ledger.withState { state in
                state.labels.append(contentsOf: labels)
                state.sentMilliseconds.append(contentsOf: sent)
                for d in defects { state.malformed[d, default: 0] += 1 }
                state.labelsSent += dueLabels
            }
            if !batch.isEmpty { acknowledgements.append(await producer.send(batch)) }
            if acknowledgements.count >= 25 {
                for a in acknowledgements { try await a.acknowledged() }
                acknowledgements.removeAll()
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        // The labels still waiting are published now: their events are all out.
        if !pendingLabels.isEmpty {
            if !stop.isRequested { try? await Task.sleep(for: labelDelay) }
            acknowledgements.append(await producer.send(pendingLabels.map {
                KafkaProducerMessage(topic: topics.labels, key: $0.key, value: $0.record)
            }))
            let count = pendingLabels.count
            ledger.withState { $0.labelsSent += count }
        }
        for a in acknowledgements { try await a.acknowledged() }
        try await producer.flush(timeout: .seconds(10))
    }
}

extension Duration {
    /// The duration in seconds, as a double.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
