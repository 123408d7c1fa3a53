import Glibc
import Testing
@testable import KafkaClient

@Suite("The embedded broker's sockets")
struct EmbeddedBrokerSocketTests {
    /// Without TCP_NODELAY a client with several requests in flight waits ~40 ms per response (delayed ACK).
    @Test func connectionsToTheBrokerDisableNagle() async throws {
        let broker = try EmbeddedBroker(brokers: 1)
        let port = try #require(broker.bootstrapServers.split(separator: ":").last.flatMap { UInt16($0) })
        let topic = KafkaTestSupport.uniqueName("nodelay")
        try broker.createTopic(topic, partitions: 1)
        let producer = try KafkaTestSupport.producer(broker)
        try await producer.send([KafkaProducerMessage(topic: topic, key: "k", value: "v")]).acknowledged()
        // The broker's end of the producer's connection (the mock cluster runs in this process).
        let accepted = RDKafkaMockCluster.sockets(boundTo: [port], listening: false)
        #expect(!accepted.isEmpty, "the producer's connection is accepted by the broker")
        for fd in accepted {
            var noDelay: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            #expect(getsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, &size) == 0)
            #expect(noDelay == 1, "socket \(fd) has TCP_NODELAY")
        }
        await producer.close()
    }
}
