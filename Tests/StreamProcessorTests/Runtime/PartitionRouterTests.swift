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

    /// A labels-topic record for event `id`.
    static func label(_ id: String, _ label: String, offset: Int64) -> InputRecord {
        InputRecord(topic: "labels", partition: 0, offset: offset, value: Array("{\"id\":\"\(id)\",\"label\":\"\(label)\"}".utf8))
    }

    /// The fixture's unlabelled events, the even ones on partition 3 and the odd ones on partition 4.
    static func twoPartitionEvents(count: Int) -> [InputRecord] {
        PipelineFixtures.records(count: count, labelled: false).map { r in
            InputRecord(topic: r.topic, partition: r.offset % 2 == 0 ? 3 : 4, offset: r.offset, key: r.key, value: r.value)
        }
    }

    @Test(arguments: [1, 2])
    func labelsThatComeBeforeTheirEventsWaitAndJoinThem(workers: Int) throws {
        let template = try PipelineFixtures.naiveBayes(clock: ManualClock().read)
        var router = PartitionRouter(template: template, workers: workers)
        let events = Self.twoPartitionEvents(count: 200)
        let truth = PipelineFixtures.labels(count: 200)
        var outputs: [OutputRecord] = []
        // The labels topic ran ahead: the labels of events 0..<100 come first, before any input partition is assigned.
        try router.process(inputs: [], labels: (0..<100).map { Self.label("e-\($0)", truth[$0], offset: Int64($0)) }, into: &outputs)
        #expect(router.labelCounts == RouterLabelCounts(records: 100, unmatched: 0, waiting: 100))
        #expect(outputs.isEmpty)
        try router.process(inputs: Array(events[0..<150]), labels: [], into: &outputs)
        #expect(outputs.count { $0.destination == .predictions } == 150, "every event is predicted before its label is learned")
        #expect(router.labelCounts.waiting == 0)
        // The rest come late, as usual.
        try router.process(inputs: Array(events[150...]), labels: (100..<200).map { Self.label("e-\($0)", truth[$0], offset: Int64($0)) },
                           into: &outputs)
        let snapshots = router.snapshots()
        #expect(snapshots.map(\.partition) == [3, 4])
        for s in snapshots {
            #expect(s.metrics.labelJoin.joined == 100, "partition \(s.partition)")
            #expect(s.metrics.labelJoin.unmatched == 0)
            #expect(s.metrics.counters.labelledPredictions == 100)
            #expect(s.metrics.cumulative.instances == 100)
        }
        #expect(router.labelCounts == RouterLabelCounts(records: 200, unmatched: 0, waiting: 0))
    }

    @Test func earlyLabelsThatWaitInVainAreCountedUnmatched() throws {
        let clock = ManualClock()
        var configuration = PipelineConfiguration()
        configuration.labelJoinMax = 2
        configuration.labelTTL = 60
        var router = PartitionRouter(template: try PipelineFixtures.naiveBayes(configuration, clock: clock.read), workers: 1)
        try router.assign(topic: "events", partition: 3)
        var outputs: [OutputRecord] = []
        try router.process(inputs: [], labels: (0..<3).map { Self.label("e-\($0)", "yes", offset: Int64($0)) }, into: &outputs)
        #expect(router.labelCounts == RouterLabelCounts(records: 3, unmatched: 1, waiting: 2), "the oldest made room")
        clock.seconds = 61
        router.expireLabels()
        #expect(router.labelCounts == RouterLabelCounts(records: 3, unmatched: 3, waiting: 0))
        // Their events come too late: predicted and remembered, not joined.
        try router.process(inputs: PipelineFixtures.records(count: 3, labelled: false), labels: [], into: &outputs)
        let join = try #require(router.snapshots().first).metrics.labelJoin
        #expect(join.joined == 0)
        #expect(join.remembered == 3)
        #expect(outputs.count == 3)
    }

    @Test func withoutALabelStoreAnUnknownLabelIsUnmatchedAtOnce() throws {
        var configuration = PipelineConfiguration()
        configuration.labelJoinMax = 0
        var router = PartitionRouter(template: try PipelineFixtures.naiveBayes(configuration, clock: ManualClock().read), workers: 1)
        try router.assign(topic: "events", partition: 3)
        var outputs: [OutputRecord] = []
        try router.process(inputs: [], labels: [Self.label("e-0", "yes", offset: 0)], into: &outputs)
        #expect(router.labelCounts.waiting == 0)
        #expect(try #require(router.snapshots().first).metrics.labelJoin.unmatched == 1)
    }
}
