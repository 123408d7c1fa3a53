import FeatureExtraction
import Foundation
import OnlineLearning
import Testing
@testable import StreamProcessor

@Suite struct PartitionPipelineTests {
    @Test func labelledEventsGivePredictionsWhoseProbabilitiesSumToOne() throws {
        var pipeline = try PipelineFixtures.naiveBayes()
        let outputs = pipeline.process(PipelineFixtures.records(count: 200))
        #expect(outputs.count == 200)
        for (i, o) in outputs.enumerated() {
            #expect(o.destination == .predictions)
            let json = try PipelineFixtures.json(o)
            let probabilities = try #require(json["probabilities"] as? [String: Double])
            #expect(Set(probabilities.keys) == ["no", "yes"])
            #expect(abs(probabilities.values.reduce(0, +) - 1) < 1e-5)
            let source = try #require(json["source"] as? [String: Any])
            #expect(source["topic"] as? String == "events")
            #expect(source["partition"] as? Int == 3)
            #expect(source["offset"] as? Int == i)
            #expect(json["id"] as? String == "e-\(i)")
            #expect(o.key == Array("e-\(i)".utf8)) // no input key: keyed by the event id
            let predicted = try #require(json["predicted"] as? String)
            #expect(probabilities[predicted] == json["confidence"] as? Double)
            #expect(json["abstained"] as? Bool == false)
            #expect(json["model_version"] as? Int == 0)
            #expect((json["latency_ms"] as? Double).map { $0 >= 0 } == true)
        }
    }

    @Test func learningLiftsAccuracyAboveTheMajorityBaseline() throws {
        var pipeline = try PipelineFixtures.naiveBayes()
        _ = pipeline.process(PipelineFixtures.records(count: 3000))
        let metrics = pipeline.metrics
        let window = try #require(metrics.window)
        let labels = PipelineFixtures.labels(count: 3000).suffix(1000)
        let majority = Double(max(labels.filter { $0 == "yes" }.count, labels.filter { $0 == "no" }.count)) / 1000
        #expect(window.accuracy > majority + 0.1)
        #expect(metrics.counters.labelledPredictions == 3000)
        #expect(pipeline.model.trainingWeight == 3000)
    }

    @Test func theBackupAnswersBeforeTrainingAndTheRecordSaysSo() throws {
        var configuration = PipelineConfiguration()
        configuration.backupModel = .noChange
        var pipeline = try PipelineFixtures.naiveBayes(configuration)
        let outputs = pipeline.process(PipelineFixtures.records(count: 3))
        #expect(try PipelineFixtures.json(outputs[0])["fallback"] as? String == "no_change")
        #expect(try PipelineFixtures.json(outputs[1])["fallback"] is NSNull)
        #expect(pipeline.metrics.counters.fallbacks == 1)
    }

    @Test func inputKeysAreKeptOnPredictions() throws {
        var pipeline = try PipelineFixtures.naiveBayes()
        var record = PipelineFixtures.records(count: 1)[0]
        record.key = [1, 2, 3]
        #expect(pipeline.process([record])[0].key == [1, 2, 3])
    }

    @Test func refusedRecordsBecomeDeadLettersWithTheirOriginalBytes() throws {
        var pipeline = try PipelineFixtures.naiveBayes()
        let malformed: [UInt8] = Array("{\"id\":\"x\",\"a\":1,".utf8)
        let wrongType = Array("{\"id\":\"y\",\"a\":\"12\",\"b\":1,\"c\":2,\"class\":\"yes\"}".utf8)
        let batch = [
            InputRecord(topic: "events", partition: 3, offset: 10, key: [9], value: malformed,
                        headers: [RecordHeader(name: "trace", string: "t-1")]),
            InputRecord(topic: "events", partition: 3, offset: 11, key: [8], value: nil),
            InputRecord(topic: "events", partition: 3, offset: 12, value: wrongType),
        ]
        let outputs = pipeline.process(batch)
        #expect(outputs.map(\.destination) == [.deadLetter, .deadLetter, .deadLetter])
        #expect(outputs[0].value == malformed)
        #expect(outputs[0].key == [9])
        #expect(outputs[0].header("trace") == "t-1")
        #expect(outputs[0].header("eddy.reason") == "invalid_json")
        #expect(outputs[0].header("eddy.source.topic") == "events")
        #expect(outputs[0].header("eddy.source.partition") == "3")
        #expect(outputs[0].header("eddy.source.offset") == "10")
        #expect(outputs[0].header("eddy.message")?.isEmpty == false)
        #expect(outputs[1].value == nil)
        #expect(outputs[1].header("eddy.reason") == "tombstone")
        #expect(outputs[1].header("eddy.source.offset") == "11")
        #expect(outputs[2].value == wrongType)
        #expect(outputs[2].header("eddy.reason") == "wrong_type")
        #expect(outputs[2].header("eddy.field") == "a")
        let metrics = pipeline.metrics
        #expect(metrics.counters.deadLetters == 3)
        #expect(metrics.rejectedByReason == ["invalid_json": 1, "tombstone": 1, "wrong_type": 1])
        #expect(pipeline.model.trainingWeight == 0)
    }

    @Test func anAbruptConceptChangeEmitsAConceptDriftEventAndBumpsTheModelVersion() throws {
        var pipeline = try PipelineFixtures.naiveBayes()
        let outputs = pipeline.process(PipelineFixtures.records(count: 6000, flipAt: 3000))
        let drifts = outputs.filter { $0.destination == .drift }
        let first = try PipelineFixtures.json(try #require(drifts.first))
        #expect(first["type"] as? String == "concept")
        #expect(first["detector"] as? String == "adwin")
        #expect(first["threshold"] as? Double == 0.002)
        #expect(first["action"] as? String == "reset_model")
        #expect(first["model_version_before"] as? Int == 0)
        #expect(first["model_version_after"] as? Int == 1)
        #expect(first["partition"] as? Int == 3)
        let offsets = try #require(first["offsets"] as? [String: Int])
        let to = try #require(offsets["to"])
        #expect(to >= 3000 && to < 3500) // found soon after the change
        #expect(offsets["from"] == 0)
        #expect((first["statistic"] as? Double).map { $0 > 0 && $0 <= 1 } == true)
        #expect(drifts.first?.key == Array("events-3".utf8))
        // Predictions after the reset carry the new version.
        let last = try PipelineFixtures.json(try #require(outputs.last { $0.destination == .predictions }))
        #expect((last["model_version"] as? Int).map { $0 >= 1 } == true)
        #expect(pipeline.metrics.counters.driftEvents[.concept] == drifts.count)
        #expect(pipeline.modelVersion == drifts.count)
    }

    @Test func driftActionNoneOnlyReports() throws {
        var configuration = PipelineConfiguration()
        configuration.driftAction = .none
        var pipeline = try PipelineFixtures.naiveBayes(configuration)
        let outputs = pipeline.process(PipelineFixtures.records(count: 6000, flipAt: 3000))
        let first = try PipelineFixtures.json(try #require(outputs.first { $0.destination == .drift }))
        #expect(first["action"] as? String == "none")
        #expect(first["model_version_after"] as? Int == 0)
        #expect(pipeline.modelVersion == 0)
    }

    @Test func stringsInRecordsAreEscaped() throws {
        let tricky = "q\"uo\\te\n\t\u{01}é😀"
        let dictionary = DataDictionary(
            idField: "id", label: .init(field: "class", classes: ["a \"quoted\" class", "b\nline"]),
            features: [.init(name: "x", type: .numeric)])
        var pipeline = try PartitionPipeline(model: NaiveBayes(header: dictionary.header), dictionary: dictionary,
                                             topic: "t\"opic", partition: 0)
        var w = JSONWriter()
        w.beginObject(); w.key("id"); w.string(tricky); w.key("x"); w.number(1.5); w.key("class"); w.string("b\nline"); w.endObject()
        let outputs = pipeline.process([InputRecord(topic: "t\"opic", offset: 0, value: w.bytes)])
        let json = try PipelineFixtures.json(outputs[0])
        #expect(json["id"] as? String == tricky)
        #expect((json["source"] as? [String: Any])?["topic"] as? String == "t\"opic")
        #expect(Set((json["probabilities"] as? [String: Double])?.keys.map { $0 } ?? []) == ["a \"quoted\" class", "b\nline"])
    }

    @Test func theModelMustMatchTheDictionary() throws {
        let other = Header(attributes: [.numeric("z")], classes: ["no", "yes"])
        #expect(throws: PipelineError.self) {
            try PartitionPipeline(model: NaiveBayes(header: other), dictionary: PipelineFixtures.dictionary, topic: "t")
        }
    }
}

@Suite struct PipelineCheckpointTests {
    @Test func aRestoredPipelinePredictsAsTheOriginalWithABumpedVersion() throws {
        var original = try PipelineFixtures.naiveBayes()
        _ = original.process(PipelineFixtures.records(count: 1000))
        var restored = try PipelineFixtures.naiveBayes()
        try restored.restore(from: original.checkpoint())
        #expect(restored.modelVersion == original.modelVersion + 1)
        let next = PipelineFixtures.records(count: 50, seed: 99, firstOffset: 1000)
        let a = try original.process(next).map { try PipelineFixtures.json($0)["probabilities"] as! [String: Double] }
        let b = try restored.process(next).map { try PipelineFixtures.json($0)["probabilities"] as! [String: Double] }
        #expect(a == b)
    }

    @Test func aCheckpointOfAnotherStreamIsRefused() throws {
        let other = DataDictionary(idField: "id", label: .init(field: "class", classes: ["no", "yes"]),
                                   features: [.init(name: "z", type: .numeric)])
        let pipeline = try PartitionPipeline(model: NaiveBayes(header: other.header), dictionary: other, topic: "t")
        var mine = try PipelineFixtures.naiveBayes()
        #expect(throws: PipelineError.self) { try mine.restore(from: pipeline.checkpoint()) }
        #expect(throws: ModelFormatError.self) { try mine.restore(from: [1, 2, 3]) }
    }
}
