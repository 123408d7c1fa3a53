import FeatureExtraction
import Foundation
import OnlineLearning
import StreamProcessor
import Testing

/// The demo's generator: reproducible, valid events pass its own data dictionary, malformed ones are refused
/// for the reason they were broken with, delayed labels come as label records, and the concepts change where
/// the configuration says.
@Suite struct DriftingStreamTests {
    static func events(_ count: Int, seed: UInt64 = 7) throws -> [DriftingStream.Event] {
        var configuration = DriftingStream.Configuration(events: count)
        configuration.seed = seed
        var stream = try DriftingStream(configuration: configuration)
        return (0..<count).map { _ in stream.next(time: 1_795_000_000.5) }
    }

    @Test func theSameSeedGivesTheSameStream() throws {
        let a = try Self.events(500), b = try Self.events(500), c = try Self.events(500, seed: 8)
        #expect(a.map(\.value) == b.map(\.value))
        #expect(a.map(\.value) != c.map(\.value))
    }

    @Test func validEventsPassTheDictionaryAndMalformedOnesAreRefusedForTheirDefect() throws {
        let dictionary = try DataDictionary.decode(Data(DriftingStream.dataDictionary.utf8))
        var extractor = try FeatureExtractor(dictionary: dictionary)
        let events = try Self.events(6_000)
        var malformed = 0, delayed = 0
        for event in events {
            switch (extractor.extract(event.value), event.defect) {
            case (.event, nil): break
            case (.rejected(let rejection), let defect?):
                malformed += 1
                #expect(rejection.reason.rawValue == defect.rawValue, "\(String(decoding: event.value, as: UTF8.self))")
            case (let outcome, let defect):
                Issue.record("e-\(event.index) (defect \(defect?.rawValue ?? "none")): \(outcome)")
            }
            if let record = event.labelRecord {
                delayed += 1
                #expect(!String(decoding: event.value, as: UTF8.self).contains("\"class\""))
                #expect(String(decoding: record, as: UTF8.self) == "{\"id\":\"\(event.id)\",\"label\":\"\(DriftingStream.classes[event.label])\"}")
            }
        }
        #expect((30...160).contains(malformed), "about 1.5 % malformed, got \(malformed) of 6000")
        #expect((400...800).contains(delayed), "about 10 % of labels delayed, got \(delayed)")
        #expect(String(decoding: events[0].value, as: UTF8.self).contains("\"ts\":\"2026-11-18T"), "RFC 3339 event time")
    }

    @Test func conceptsChangeAbruptlyThenGradually() throws {
        let events = try Self.events(3_000)
        let changes = try DriftingStream(configuration: .init(events: 3_000)).changes
        #expect(changes.map(\.kind) == ["abrupt", "gradual"])
        #expect(events[..<changes[0].index].allSatisfy { $0.concept == 0 })
        #expect(events[changes[0].index..<(changes[1].index - 2 * changes[1].width)].allSatisfy { $0.concept == 1 })
        let window = events[(changes[1].index - changes[1].width / 2)..<(changes[1].index + changes[1].width / 2)]
        #expect(window.contains { $0.concept == 1 } && window.contains { $0.concept == 2 }, "the gradual change mixes both")
        #expect(events[(changes[1].index + changes[1].width)...].filter { $0.concept == 2 }.count > 650)
    }

    @Test func invalidParametersAreRefusedByName() {
        var configuration = DriftingStream.Configuration(events: 1_000)
        configuration.noise = 0.7
        #expect(throws: ConfigurationError.self) { try DriftingStream(configuration: configuration) }
        #expect(throws: ConfigurationError.self) { try DriftingStream(configuration: .init(events: 10)) }
    }
}
