import Configuration
import FeatureExtraction
import Foundation
import OnlineLearning
import Testing
@testable import StreamProcessor

@Suite struct AbstentionAndConfigurationTests {
    @Test func theRecordSaysAbstainedWhenEveryMemberAbstains() throws {
        // θ₀ = 0.99 on a stream whose label is a coin toss and whose features never change: once members have
        // seen a few events, none is that confident.
        let header = PipelineFixtures.header
        let bagging = try OnlineBagging(prototype: NaiveBayes(header: header), configuration: .init(ensembleSize: 3), seed: 1)
        let model = try AbstainingEnsemble(ensemble: bagging, configuration: .init(initialThreshold: 0.99, step: 0.01, direction: .raiseWhenCorrect))
        var pipeline = try PartitionPipeline(model: model, dictionary: PipelineFixtures.dictionary, topic: "events")
        var r = RandomSource(seed: 3)
        let records = (0..<50).map { i in
            InputRecord(topic: "events", offset: Int64(i), value: PipelineFixtures.event(
                id: "e-\(i)", a: 1, b: 2, c: 3, label: r.nextDouble() < 0.5 ? "yes" : "no"))
        }
        let outputs = pipeline.process(records)
        let later = try outputs.dropFirst(30).map(PipelineFixtures.json)
        #expect(later.allSatisfy { $0["abstained"] as? Bool == true })
        #expect(later.allSatisfy { ($0["threshold"] as? Double).map { $0 > 0.9 } == true })
        #expect(later.allSatisfy { $0["fallback"] is NSNull })
        let metrics = pipeline.metrics
        #expect(metrics.counters.abstentions >= 20)
        #expect(metrics.threshold.map { $0 > 0.9 } == true)
        // A plain model never abstains and has no threshold.
        var plain = try PipelineFixtures.naiveBayes()
        let json = try PipelineFixtures.json(plain.process(PipelineFixtures.records(count: 2))[1])
        #expect(json["threshold"] is NSNull)
        #expect(json["abstained"] as? Bool == false)
    }

    func configuration(_ values: [String: String]) throws -> PipelineConfiguration {
        try PipelineConfiguration(config: ConfigReader(provider: EnvironmentVariablesProvider(environmentVariables: values)))
    }

    @Test func settingsAreReadFromEnvironmentVariables() throws {
        let c = try configuration([
            "EDDY_ID_FIELD": "event_id", "EDDY_LABEL_TTL": "15m", "EDDY_LABEL_JOIN_MAX": "10", "EDDY_BACKUP_MODEL": "no_change",
            "EDDY_DRIFT_DETECTOR": "ddm", "EDDY_DRIFT_ACTION": "none", "EDDY_METRICS_WINDOW": "500", "EDDY_SCHEMA_INFER_EVENTS": "20",
        ])
        #expect(c.idField == "event_id")
        #expect(c.labelTTL == 900)
        #expect(c.labelJoinMax == 10)
        #expect(c.backupModel == .noChange)
        #expect(c.driftDetector == .ddm)
        #expect(c.driftAction == DriftAction.none)
        #expect(c.metricsWindow == 500)
        #expect(c.schemaInferEvents == 20)
        #expect(try configuration([:]) == PipelineConfiguration())
    }

    @Test func aBadValueNamesTheKeyAndWhatItAccepts() throws {
        for (key, value, accepted) in [
            ("EDDY_BACKUP_MODEL", "median", "majority, no_change"), ("EDDY_LABEL_TTL", "soon", "duration"),
            ("EDDY_LABEL_JOIN_MAX", "-1", "0..."), ("EDDY_DRIFT_THRESHOLD", "2", "(0, 1)"), ("EDDY_DRIFT_DETECTOR", "magic", "adwin"),
        ] {
            do {
                _ = try configuration([key: value])
                Issue.record("\(key)=\(value) was accepted")
            } catch let error as ConfigurationKeyError {
                #expect(error.key == key)
                #expect(error.accepted.contains(accepted), "\(error)")
            }
        }
    }

    @Test func theWriterEmitsValidJSONNumbersAndTimes() throws {
        var w = JSONWriter()
        w.beginObject()
        w.key("p"); w.fixed(0.1234567, digits: 6)
        w.key("q"); w.fixed(0.5, digits: 6)
        w.key("r"); w.fixed(1, digits: 6)
        w.key("s"); w.fixed(0.000001, digits: 6)
        w.key("n"); w.number(.nan)
        w.key("d"); w.number(1e-7)
        w.key("i"); w.int(-42)
        w.key("t"); w.timestamp(1_764_410_400.25)
        w.endObject()
        let json = try JSONSerialization.jsonObject(with: Data(w.bytes)) as! [String: Any]
        #expect(json["p"] as? Double == 0.123457)
        #expect(json["q"] as? Double == 0.5)
        #expect(json["r"] as? Int == 1)
        #expect(json["s"] as? Double == 0.000001)
        #expect(json["n"] is NSNull)
        #expect(json["d"] as? Double == 1e-7)
        #expect(json["i"] as? Int == -42)
        #expect(json["t"] as? String == "2025-11-29T10:00:00.250Z")
    }
}
