import Foundation
import OnlineLearning
import Testing
@testable import StreamProcessor

/// The runtime's routing of a batch to the partitions' pipelines, on one thread or several.
@Suite struct PartitionRouterTests {
    /// Batches mixing four partitions: each batch holds `run` records per partition in offset order, in two
    /// stretches per partition (as a poll may return them); the concept flips halfway, so drift events come too.
    static func batches(partitions: Int = 4, perPartition: Int = 600, run: Int = 50) -> [[InputRecord]] {
        let streams = (0..<partitions).map { p in
            PipelineFixtures.records(count: perPartition, seed: UInt64(p + 1), flipAt: perPartition / 2).map { r in
                InputRecord(topic: r.topic, partition: Int32(p), offset: r.offset, key: r.key, value: r.value)
            }
        }
        return stride(from: 0, to: perPartition, by: run).map { start in
            let middle = start + run / 2, end = min(start + run, perPartition)
            return streams.flatMap { $0[start..<middle] } + streams.flatMap { $0[middle..<end] }
        }
    }

    /// Every output of every batch, in order, through a router with `workers` threads.
    static func outputs(workers: Int) throws -> [OutputRecord] {
        let template = try PipelineFixtures.naiveBayes(clock: { 0 })
        var router = PartitionRouter(template: template, workers: workers)
        var all: [OutputRecord] = []
        for batch in batches() {
            var outputs: [OutputRecord] = []
            try router.process(inputs: batch, labels: [], into: &outputs)
            all += outputs
        }
        return all
    }

    @Test func severalWorkersGiveExactlyTheOutputsOfOne() throws {
        let one = try Self.outputs(workers: 1)
        let two = try Self.outputs(workers: 2)
        let four = try Self.outputs(workers: 4)
        #expect(one.count >= 4 * 600, "a prediction per event, plus drift events")
        #expect(one.contains { $0.destination == .drift }, "the flip is detected")
        #expect(two == one)
        #expect(four == one)
    }

    @Test func eachPartitionKeepsItsOwnModelAndOffsetOrder() throws {
        let outputs = try Self.outputs(workers: 2).filter { $0.destination == .predictions }
        for partition in 0..<4 {
            let offsets = try outputs.compactMap { o -> Int64? in
                let source = try #require(PipelineFixtures.json(o)["source"] as? [String: Any])
                return source["partition"] as? Int == partition ? (source["offset"] as? NSNumber)?.int64Value : nil
            }
            #expect(offsets == Array(0..<600), "partition \(partition): every offset once, in order")
        }
    }
}
