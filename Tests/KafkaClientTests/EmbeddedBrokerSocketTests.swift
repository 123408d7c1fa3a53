import Glibc
import Testing
@testable import KafkaClient

@Suite("The embedded broker's sockets")
struct EmbeddedBrokerSocketTests {
    /// The broker-side ends of connections to `port` in this process (the mock cluster runs in-process).
    static func acceptedSockets(port: UInt16) -> [Int32] {
        guard let directory = opendir("/proc/self/fd") else { return [] }
        defer { closedir(directory) }
        var found: [Int32] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let fd = Int32(name) else { continue }
            var address = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let named = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            guard named == 0, address.sin_family == sa_family_t(AF_INET), UInt16(bigEndian: address.sin_port) == port else { continue }
            var listening: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            if getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) == 0, listening == 0 { found.append(fd) }
        }
        return found
    }

    /// Without TCP_NODELAY a client with several requests in flight waits ~40 ms per response (delayed ACK).
    @Test func connectionsToTheBrokerDisableNagle() async throws {
        let broker = try EmbeddedBroker(brokers: 1)
        let port = try #require(broker.bootstrapServers.split(separator: ":").last.flatMap { UInt16($0) })
        let topic = KafkaTestSupport.uniqueName("nodelay")
        try broker.createTopic(topic, partitions: 1)
        let producer = try KafkaTestSupport.producer(broker)
        try await producer.send([KafkaProducerMessage(topic: topic, key: "k", value: "v")]).acknowledged()
        let sockets = Self.acceptedSockets(port: port)
        #expect(!sockets.isEmpty, "the producer's connection is accepted by the broker")
        for fd in sockets {
            var noDelay: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            #expect(getsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, &size) == 0)
            #expect(noDelay == 1, "socket \(fd) has TCP_NODELAY")
        }
        await producer.close()
    }
}
