import Foundation
import KafkaClient

/// A recorded topic for `eddy replay`: every partition read once, from its earliest retained record to the
/// end it had when the read began, by a consumer that joins no group and commits nothing.
public enum RecordedTopic {
    /// Reads `topic` and returns its records as one stream in timestamp order.
    ///
    /// The partitions are merged by record timestamp: the next record is always the earliest-stamped of the
    /// partitions' next records (ties go to the lower partition), so every partition keeps its offset order
    /// even when its producers' clocks did not. The whole topic is held in memory.
    /// - Parameters:
    ///   - topic: the topic.
    ///   - brokers: the bootstrap servers.
    ///   - properties: extra librdkafka properties (`EDDY_KAFKA_*`: security, timeouts).
    ///   - idle: stop after this long without a record even if a partition has not reached its end (a
    ///     partition can end with transaction markers, which are never delivered).
    /// - Throws: ``KafkaError`` when the topic does not exist or cannot be read.
    public static func read(topic: String, brokers: String, properties: [String: String] = [:],
                            idle: Duration = .seconds(10)) async throws -> [InputRecord] {
        var consumerProperties = properties
        consumerProperties["enable.auto.commit"] = "false"
        let consumer = try KafkaConsumer(configuration: .init(bootstrapServers: brokers, groupID: nil, properties: consumerProperties))
        var ends: [Int32: Int64] = [:]
        var starts: [KafkaTopicPartitionOffset] = []
        for partition in try await consumer.partitions(of: topic) {
            let marks = try await consumer.watermarks(topic: topic, partition: partition)
            guard marks.high > marks.low else { continue }
            ends[partition] = marks.high
            starts.append(KafkaTopicPartitionOffset(topic: topic, partition: partition, offset: marks.low))
        }
        try consumer.assign(starts)
        var partitions: [Int32: [InputRecord]] = [:]
        var lastRecord = ContinuousClock.now
        while !ends.isEmpty, ContinuousClock.now - lastRecord < idle {
            let batch = try await consumer.poll(maxMessages: 5000, timeout: .milliseconds(100))
            if !batch.isEmpty { lastRecord = .now }
            for m in batch {
                guard let end = ends[m.partition], m.offset < end else { continue }
                partitions[m.partition, default: []].append(InputRecord(m))
                if m.offset + 1 >= end { ends[m.partition] = nil }
            }
        }
        try await consumer.close()
        return mergedByTimestamp(partitions.keys.sorted().map { partitions[$0]! })
    }

    /// Merges streams into one: the next record is the earliest-stamped of the streams' next records, ties
    /// (and records without a timestamp, taken as 0) going to the earlier stream; each stream keeps its order.
    static func mergedByTimestamp(_ streams: [[InputRecord]]) -> [InputRecord] {
        var next = Array(repeating: 0, count: streams.count)
        var merged: [InputRecord] = []
        merged.reserveCapacity(streams.reduce(0) { $0 + $1.count })
        while true {
            var pick: Int?
            for s in streams.indices where next[s] < streams[s].count {
                if let p = pick, (streams[p][next[p]].timestamp ?? 0) <= (streams[s][next[s]].timestamp ?? 0) { continue }
                pick = s
            }
            guard let p = pick else { return merged }
            merged.append(streams[p][next[p]])
            next[p] += 1
        }
    }
}
