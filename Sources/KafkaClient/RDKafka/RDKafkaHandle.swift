import Crdkafka
import Dispatch
import Logging
import Synchronization

/// State librdkafka's C callbacks reach through the client's opaque pointer.
///
/// Callbacks only *buffer*: they append to ``events`` (or log), and the Swift side drains the buffer.
final class RDKafkaContext: Sendable {
    /// The logger librdkafka's own log lines are forwarded to.
    let logger: Logger
    /// Consumer notifications (rebalances, commit failures, errors) waiting to be drained.
    let events = Mutex<[KafkaConsumerEvent]>([])
    /// How many times the consumer lost partitions (revoke, loss or a failed rebalance); a batch polled
    /// across a change drops messages of partitions it no longer owns.
    let revocations = Atomic<Int>(0)
    /// The most events kept when nobody drains them; the oldest are dropped beyond it.
    static let eventCapacity = 10_000

    /// Buffers events (called from librdkafka callbacks), dropping the oldest beyond ``eventCapacity``.
    func buffer(_ newEvents: [KafkaConsumerEvent]) {
        events.withLock { events in
            events.append(contentsOf: newEvents)
            if events.count > Self.eventCapacity { events.removeFirst(events.count - Self.eventCapacity) }
        }
    }

    init(logger: Logger) {
        self.logger = logger
    }

    /// The context behind a client's opaque pointer.
    static func from(_ opaque: UnsafeMutableRawPointer?) -> RDKafkaContext? {
        opaque.map { Unmanaged<RDKafkaContext>.fromOpaque($0).takeUnretainedValue() }
    }
}

/// Owns one librdkafka client instance (`rd_kafka_t`) and destroys it exactly once.
final class RDKafkaHandle: @unchecked Sendable {
    // @unchecked: `pointer` is immutable and librdkafka's rd_kafka_t is documented thread-safe; it is freed
    // only in deinit, when no Swift reference remains.

    /// The client kind passed to `rd_kafka_new`.
    enum Kind { case producer, consumer }

    /// The `rd_kafka_t *`.
    let pointer: OpaquePointer
    /// The object behind librdkafka's opaque pointer; kept alive as long as the client.
    let context: RDKafkaContext

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - kind: producer or consumer.
    ///   - properties: librdkafka properties, passed through unchanged.
    ///   - logger: where librdkafka's log lines go.
    ///   - configure: extra setup of the `rd_kafka_conf_t` (callbacks, events) before the client is created.
    /// - Throws: ``KafkaError`` when a property is rejected or the client cannot be created.
    init(
        kind: Kind, properties: [String: String], logger: Logger,
        configure: (OpaquePointer) throws -> Void = { _ in }
    ) throws {
        let context = RDKafkaContext(logger: logger)
        let conf = try RDKafkaConfig.make(properties)
        do {
            try configure(conf)
        } catch {
            rd_kafka_conf_destroy(conf)
            throw error
        }
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(context).toOpaque())
        rd_kafka_conf_set_log_cb(conf, rdKafkaLog)
        var reason = [CChar](repeating: 0, count: 512)
        guard let handle = rd_kafka_new(kind == .producer ? RD_KAFKA_PRODUCER : RD_KAFKA_CONSUMER, conf, &reason, reason.count)
        else {
            // rd_kafka_new takes ownership of the configuration only when it succeeds.
            rd_kafka_conf_destroy(conf)
            throw KafkaError(code: .configuration, message: String(cBuffer: reason))
        }
        self.pointer = handle
        self.context = context
    }

    deinit {
        // rd_kafka_destroy joins librdkafka's threads (and closes an unclosed consumer), so it may block:
        // hand it to a Dispatch thread rather than whichever (possibly cooperative) thread dropped the
        // last reference. The context travels along because callbacks may still fire during destroy.
        let pointer = SendablePointer(pointer)
        let context = self.context
        DispatchQueue.global().async {
            rd_kafka_destroy(pointer.raw)
            withExtendedLifetime(context) {}
        }
    }

    /// The client's name as librdkafka reports it (e.g. `rdkafka#consumer-3`).
    var name: String { String(cString: rd_kafka_name(pointer)) }
}

/// An opaque C pointer moved across threads by code that owns it.
struct SendablePointer: @unchecked Sendable {
    // @unchecked: used only to move ownership of a librdkafka handle to the thread that frees it.
    let raw: OpaquePointer
    init(_ raw: OpaquePointer) { self.raw = raw }
}

/// librdkafka's log callback: forwards a line to the client's swift-log logger (any librdkafka thread).
private func rdKafkaLog(_ handle: OpaquePointer?, _ level: Int32, _ facility: UnsafePointer<CChar>?, _ text: UnsafePointer<CChar>?) {
    guard let handle, let context = RDKafkaContext.from(rd_kafka_opaque(handle)) else { return }
    let swiftLevel: Logger.Level
    switch level {
    case ...2: swiftLevel = .critical
    case 3: swiftLevel = .error
    case 4: swiftLevel = .warning
    case 5: swiftLevel = .notice
    case 6: swiftLevel = .info
    default: swiftLevel = .debug
    }
    guard context.logger.logLevel <= swiftLevel else { return }
    context.logger.log(
        level: swiftLevel, "\(text.map { String(cString: $0) } ?? "")",
        metadata: [
            KafkaMetadataKey.client: "\(String(cString: rd_kafka_name(handle)))",
            KafkaMetadataKey.facility: "\(facility.map { String(cString: $0) } ?? "")",
        ])
}
