import Testing
@testable import KafkaClient

@Suite("Admin client")
struct AdminTests {
    @Test func creatingTopicsOnTheEmbeddedBrokerIsATimeoutNotACrash() async throws {
        let broker = try EmbeddedBroker()
        let admin = try KafkaAdmin(bootstrapServers: broker.bootstrapServers, logger: KafkaTestSupport.logger)
        await #expect(throws: KafkaError.self) {
            try await admin.createTopics(
                [KafkaAdmin.NewTopic(name: KafkaTestSupport.uniqueName("admin"), partitions: 3, replicationFactor: 1)],
                timeout: .milliseconds(500))
        }
    }

    @Test func anInvalidTopicIsRejectedBeforeAnyRequest() async throws {
        let admin = try KafkaAdmin(bootstrapServers: "127.0.0.1:1", logger: KafkaTestSupport.logger)
        await #expect {
            try await admin.createTopics([KafkaAdmin.NewTopic(name: "bad", partitions: 0)], timeout: .milliseconds(200))
        } throws: { ($0 as? KafkaError)?.code == .invalidArgument }
    }
}
