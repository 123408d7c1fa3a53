import Testing
@testable import KafkaClient

@Suite("KafkaError")
struct KafkaErrorTests {
    @Test(arguments: [
        (Int32(-185), KafkaError.Code.timedOut, true),
        (Int32(-184), KafkaError.Code.queueFull, true),
        (Int32(-195), KafkaError.Code.transport, true),
        (Int32(10), KafkaError.Code.messageTooLarge, false),
        (Int32(3), KafkaError.Code.unknownTopicOrPartition, true),
        (Int32(27), KafkaError.Code.groupMembership, true),
        (Int32(90), KafkaError.Code.fenced, false),
        (Int32(-144), KafkaError.Code.fenced, false),
        (Int32(-152), KafkaError.Code.purged, false),
        (Int32(36), KafkaError.Code.topicAlreadyExists, false),
        (Int32(48), KafkaError.Code.invalidState, false),
        (Int32(9999), KafkaError.Code.broker, false),
        (Int32(-9999), KafkaError.Code.client, false),
    ])
    func librdkafkaCodesMapToActionableKinds(raw: Int32, code: KafkaError.Code, retriable: Bool) {
        let error = KafkaError(rdKafka: .init(rawValue: raw))
        #expect(error.code == code)
        #expect(error.rdKafkaCode == raw)
        #expect(error.isRetriable == retriable)
        #expect(!error.message.isEmpty)
    }

    @Test func theDescriptionNamesKindCodeFlagsAndContext() {
        let error = KafkaError(
            code: .timedOut, rdKafkaCode: -185, message: "Local: Timed out", isRetriable: true,
            context: [KafkaMetadataKey.operation: "commit"]
        ).adding(context: [KafkaMetadataKey.topic: "events"])
        #expect(error.description == "Kafka error (timedOut, librdkafka code -185): Local: Timed out [retriable] {kafka.operation=commit, kafka.topic=events}")
    }
}
