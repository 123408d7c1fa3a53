import Crdkafka
import Dispatch
import Glibc
import Logging

/// Owns librdkafka's mock cluster (`rd_kafka_mock_cluster_t`) and the client instance hosting it.
///
/// librdkafka needs an `rd_kafka_t` for the mock cluster's bookkeeping; a bare producer that never
/// produces serves. The cluster runs its own thread and listens on 127.0.0.1 ports chosen by the OS.
final class RDKafkaMockCluster: @unchecked Sendable {
    // @unchecked: `pointer` is immutable; the rd_kafka_mock_* calls used here post operations to the
    // cluster's own thread and are safe to call from any thread. Freed only in deinit.

    private let host: RDKafkaHandle
    private let pointer: OpaquePointer

    /// Starts a cluster of `brokers` brokers (ids 1...brokers).
    ///
    /// - Throws: ``KafkaError`` when the host client or the cluster cannot be created.
    init(brokers: Int, logger: Logger) throws {
        // Warnings and worse only: the host never connects anywhere, which librdkafka would otherwise note.
        host = try RDKafkaHandle(kind: .producer, properties: ["log_level": "4"], logger: logger)
        guard let cluster = rd_kafka_mock_cluster_new(host.pointer, Int32(clamping: brokers)) else {
            throw KafkaError(code: .client, message: "librdkafka could not start the mock cluster.")
        }
        pointer = cluster
        let ports = Set(String(cString: rd_kafka_mock_cluster_bootstraps(cluster)).split(separator: ",")
            .compactMap { $0.split(separator: ":").last.flatMap { UInt16($0) } })
        Self.disableNagle(onListenersAt: ports)
    }

    /// Sets `TCP_NODELAY` on this process's listening sockets bound to `ports`; connections accepted later
    /// inherit it.
    ///
    /// librdkafka 2.0.2's mock broker leaves Nagle's algorithm on. A client with several requests in flight
    /// (a producer writing to many partitions) then waits for TCP's delayed acknowledgement, about 40 ms,
    /// for every response after the first, which no real broker does (Kafka brokers set `TCP_NODELAY`).
    /// The cluster's sockets are not exposed, so they are found among the process's descriptors.
    private static func disableNagle(onListenersAt ports: Set<UInt16>) {
        for fd in sockets(boundTo: ports, listening: true) {
            var on: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    /// This process's IPv4 sockets whose local port is one of `ports`: the listening ones, or the accepted
    /// (and connected) ones.
    static func sockets(boundTo ports: Set<UInt16>, listening: Bool) -> [Int32] {
        guard let directory = opendir("/proc/self/fd") else { return [] }
        defer { closedir(directory) }
        var descriptors: [Int32] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if let fd = Int32(name) { descriptors.append(fd) }
        }
        return descriptors.filter { fd in
            var address = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let named = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            guard named == 0, address.sin_family == sa_family_t(AF_INET), ports.contains(UInt16(bigEndian: address.sin_port)) else {
                return false
            }
            var accepting: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            return getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &size) == 0 && (accepting == 1) == listening
        }
    }

    deinit {
        // Destroying the cluster joins its thread: do it off the caller's thread, and before the host client.
        let cluster = SendablePointer(pointer)
        let host = self.host
        DispatchQueue.global().async {
            rd_kafka_mock_cluster_destroy(cluster.raw)
            withExtendedLifetime(host) {}
        }
    }

    /// The `host:port,...` list of the brokers.
    var bootstrapServers: String { String(cString: rd_kafka_mock_cluster_bootstraps(pointer)) }

    func createTopic(_ name: String, partitions: Int32, replicationFactor: Int32) throws {
        try check(rd_kafka_mock_topic_create(pointer, name, partitions, replicationFactor), "create topic", [KafkaMetadataKey.topic: name])
    }

    func setBroker(_ broker: Int32, up: Bool) throws {
        let result = up ? rd_kafka_mock_broker_set_up(pointer, broker) : rd_kafka_mock_broker_set_down(pointer, broker)
        try check(result, up ? "broker up" : "broker down", [KafkaMetadataKey.broker: String(broker)])
    }

    func setRoundTripTime(_ milliseconds: Int32, broker: Int32) throws {
        try check(rd_kafka_mock_broker_set_rtt(pointer, broker, milliseconds), "set rtt", [KafkaMetadataKey.broker: String(broker)])
    }

    func setLeader(topic: String, partition: Int32, broker: Int32) throws {
        try check(
            rd_kafka_mock_partition_set_leader(pointer, topic, partition, broker), "set leader",
            [KafkaMetadataKey.topic: topic, KafkaMetadataKey.partition: String(partition)])
    }

    func pushRequestErrors(apiKey: Int16, errors: [Int32]) {
        let codes = errors.map { rd_kafka_resp_err_t(rawValue: $0) }
        codes.withUnsafeBufferPointer { rd_kafka_mock_push_request_errors_array(pointer, apiKey, $0.count, $0.baseAddress) }
    }

    func clearRequestErrors(apiKey: Int16) {
        rd_kafka_mock_clear_request_errors(pointer, apiKey)
    }

    private func check(_ result: rd_kafka_resp_err_t, _ operation: String, _ context: [String: String]) throws {
        guard result != RD_KAFKA_RESP_ERR_NO_ERROR else { return }
        var context = context
        context[KafkaMetadataKey.operation] = operation
        throw KafkaError(rdKafka: result, context: context)
    }
}
