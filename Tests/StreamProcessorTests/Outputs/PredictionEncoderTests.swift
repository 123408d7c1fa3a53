import Foundation
import Testing
@testable import StreamProcessor

/// The prediction record downstream consumers parse (design.md §3): every member, in order, for each
/// optional part present and absent, with names that need escaping.
@Suite struct PredictionEncoderTests {
    func record(_ encoder: PredictionEncoder, id: String?, offset: Int64 = 42, probabilities: [Double], predicted: Int,
                abstained: Bool = false, threshold: Double? = nil, fallback: BackupModelKind? = nil, eventTime: Double? = nil) -> String {
        var prediction = Prediction()
        prediction.probabilities = probabilities
        prediction.predictedClass = predicted
        prediction.abstained = abstained
        prediction.threshold = threshold
        var writer = JSONWriter()
        writer.bytes = Array("left over".utf8)  // the encoder resets the writer it is given
        encoder.write(id: id, offset: offset, prediction: prediction, fallback: fallback, modelVersion: 3,
                      latencyMilliseconds: 0.0214, eventTime: eventTime, into: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test func aConfidentPredictionWritesEveryMember() {
        let encoder = PredictionEncoder(topic: "events", partition: 7, classes: ["fraud", "ok"])
        let text = record(encoder, id: "e-1042", probabilities: [0.91, 0.09], predicted: 0, threshold: 0.64,
                          eventTime: 1_795_953_600.5)
        #expect(text == #"{"id":"e-1042","source":{"topic":"events","partition":7,"offset":42},"predicted":"fraud","#
            + #""probabilities":{"fraud":0.91,"ok":0.09},"confidence":0.91,"abstained":false,"threshold":0.64,"#
            + #""fallback":null,"model_version":3,"latency_ms":0.021,"event_time":"2026-11-29T12:00:00.500Z"}"#)
    }

    @Test func absentPartsAreNull() {
        let encoder = PredictionEncoder(topic: "events", partition: 0, classes: ["a", "b", "c"])
        let text = record(encoder, id: nil, offset: 0, probabilities: [0.2, 0.3, 0.5], predicted: -1, abstained: true,
                          fallback: .noChange)
        #expect(text == #"{"id":null,"source":{"topic":"events","partition":0,"offset":0},"predicted":null,"#
            + #""probabilities":{"a":0.2,"b":0.3,"c":0.5},"confidence":0,"abstained":true,"threshold":null,"#
            + #""fallback":"no_change","model_version":3,"latency_ms":0.021,"event_time":null}"#)
    }

    @Test func namesAreEscapedAndTheRecordParses() throws {
        let encoder = PredictionEncoder(topic: "ev\"ents", partition: 1, classes: ["yes\n", "no\\"])
        let text = record(encoder, id: "q\"1", probabilities: [0.25, 0.75], predicted: 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["id"] as? String == "q\"1")
        #expect((object["source"] as? [String: Any])?["topic"] as? String == "ev\"ents")
        #expect(object["predicted"] as? String == "no\\")
        #expect((object["probabilities"] as? [String: Double]) == ["yes\n": 0.25, "no\\": 0.75])
    }
}
