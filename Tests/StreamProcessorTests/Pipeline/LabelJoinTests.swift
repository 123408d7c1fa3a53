import FeatureExtraction
import Foundation
import OnlineLearning
import Testing
@testable import StreamProcessor

@Suite struct LabelJoinTests {
    func labelRecord(_ id: String, _ label: String, offset: Int64) -> InputRecord {
        InputRecord(topic: "labels", partition: 3, offset: offset, value: Array("{\"id\":\"\(id)\",\"label\":\"\(label)\"}".utf8))
    }

    @Test func delayedLabelsJoinedByIDAreLearnedAndScored() throws {
        var pipeline = try PipelineFixtures.naiveBayes()
        let events = PipelineFixtures.records(count: 500, labelled: false)
        let outputs = pipeline.process(events)
        #expect(outputs.count == 500)
        #expect(pipeline.model.trainingWeight == 0)
        #expect(pipeline.labelStore.count == 500)
        let truth = PipelineFixtures.labels(count: 500)
        var labelOutputs: [OutputRecord] = []
        pipeline.processLabels((0..<500).map { labelRecord("e-\($0)", truth[$0], offset: Int64($0)) }, into: &labelOutputs)
        #expect(labelOutputs.isEmpty)
        let metrics = pipeline.metrics
        #expect(metrics.labelJoin.joined == 500)
        #expect(metrics.counters.labelledPredictions == 500)
        #expect(metrics.cumulative.instances == 500)
        #expect(pipeline.model.trainingWeight == 500)
        #expect(pipeline.labelStore.count == 0)
        // A second label for the same id finds nothing.
        pipeline.processLabels([labelRecord("e-0", "yes", offset: 501)], into: &labelOutputs)
        #expect(pipeline.metrics.labelJoin.unmatched == 1)
    }

    @Test func expiredAndOverflowingEntriesAreCounted() throws {
        let clock = ManualClock()
        var configuration = PipelineConfiguration()
        configuration.labelJoinMax = 3
        configuration.labelTTL = 60
        var pipeline = try PipelineFixtures.naiveBayes(configuration, clock: clock.read)
        var outputs: [OutputRecord] = []
        pipeline.process(PipelineFixtures.records(count: 5, labelled: false), into: &outputs)
        #expect(pipeline.labelStore.count == 3)
        #expect(pipeline.metrics.labelJoin.evicted == 2) // e-0 and e-1 made room
        clock.seconds = 30
        pipeline.process(PipelineFixtures.records(count: 1, labelled: false, firstOffset: 5), into: &outputs)
        #expect(pipeline.metrics.labelJoin.evicted == 3)
        clock.seconds = 61
        pipeline.expireLabels()
        #expect(pipeline.metrics.labelJoin.expired == 2) // e-3, e-4; e-5 arrived at 30 s
        #expect(pipeline.labelStore.count == 1)
        pipeline.processLabels([labelRecord("e-3", "yes", offset: 0), labelRecord("e-5", "no", offset: 1)], into: &outputs)
        let join = pipeline.metrics.labelJoin
        #expect(join.unmatched == 1)
        #expect(join.joined == 1)
    }

    @Test func duplicateIDsAreCountedAndTheNewerPredictionWins() throws {
        var store = try LabelJoinStore(capacity: 10, ttl: 100)
        func entry(_ offset: Int64) -> LabelJoinStore.Entry {
            .init(instance: Instance([1]), predictedClass: 0, abstained: false, fallback: false, offset: offset,
                  eventTime: nil, arrival: 0, modelVersion: 0)
        }
        store.remember(id: "a", entry(1))
        store.remember(id: "a", entry(2))
        #expect(store.counters.duplicateIDs == 1)
        #expect(store.count == 1)
        #expect(store.take(id: "a", now: 1)?.offset == 2)
    }

    @Test func malformedLabelRecordsBecomeDeadLetters() throws {
        var pipeline = try PipelineFixtures.naiveBayes()
        var outputs: [OutputRecord] = []
        let bad: [[UInt8]?] = [Array("not json".utf8), Array("{\"id\":\"e-1\"}".utf8), Array("{\"id\":\"e-1\",\"label\":\"maybe\"}".utf8),
                               Array("{\"label\":\"yes\"}".utf8), nil]
        pipeline.processLabels(bad.enumerated().map { InputRecord(topic: "labels", offset: Int64($0.offset), value: $0.element) }, into: &outputs)
        #expect(outputs.map { $0.header("eddy.reason") } == ["invalid_json", "unknown_label", "unknown_label", "missing_id", "tombstone"])
        #expect(outputs.allSatisfy { $0.destination == .deadLetter })
        #expect(outputs[0].value == bad[0])
        #expect(outputs[2].header("eddy.source.topic") == "labels")
    }

    @Test func numberIDsJoinTheEventsTheyName() throws {
        let dictionary = DataDictionary(idField: "id", label: .init(field: "class", classes: ["0", "1"]),
                                        features: [.init(name: "x", type: .numeric)])
        var pipeline = try PartitionPipeline(model: NaiveBayes(header: dictionary.header), dictionary: dictionary, topic: "t")
        var outputs: [OutputRecord] = []
        pipeline.process([InputRecord(topic: "t", offset: 0, value: Array("{\"id\":42,\"x\":1}".utf8))], into: &outputs)
        pipeline.processLabels([InputRecord(topic: "labels", offset: 0, value: Array("{\"id\":42,\"label\":1}".utf8))], into: &outputs)
        #expect(pipeline.metrics.labelJoin.joined == 1)
        #expect(pipeline.model.trainingWeight == 1)
    }
}
