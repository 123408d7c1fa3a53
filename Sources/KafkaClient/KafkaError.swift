/// An error from the Kafka layer: what went wrong, librdkafka's own code and text, and where it happened.
///
/// Every failure of `KafkaClient` (configuration, producing, consuming, transactions, admin calls, the
/// embedded broker) surfaces as this one type so callers can decide with two questions: is it *fatal*
/// (the client instance is unusable and must be recreated) and is it *retriable* (the same call may succeed
/// later). The ``code`` groups librdkafka's ~200 codes into the cases a caller acts on; ``rdKafkaCode`` and
/// ``message`` keep librdkafka's exact answer for logs and support.
public struct KafkaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, grouped by what a caller does about it.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A configuration property or value was rejected (unknown key, bad value, conflicting settings).
        case configuration
        /// An argument was invalid (empty topic name, negative partition count, ...).
        case invalidArgument
        /// The connection to the brokers failed or every broker is down.
        case transport
        /// An operation or a message did not complete in time.
        case timedOut
        /// The producer's local queue is full; wait for deliveries and retry.
        case queueFull
        /// A message is larger than `message.max.bytes` (or the broker's limit).
        case messageTooLarge
        /// The topic or partition does not exist (or is not yet known to the client).
        case unknownTopicOrPartition
        /// The requested offset is outside the partition's retained range.
        case offsetOutOfRange
        /// A group membership problem: rebalance in progress, stale generation, unknown member, coordinator moved.
        case groupMembership
        /// The operation is not valid in the client's current state (e.g. a transaction call out of order).
        case invalidState
        /// This producer was fenced by a newer instance with the same `transactional.id`.
        case fenced
        /// The current transaction failed and must be aborted before a new one can begin.
        case transactionAbortRequired
        /// Messages were purged from the queue before delivery (the producer was closed or purged).
        case purged
        /// Authentication or authorization failed.
        case authorization
        /// The topic to be created already exists.
        case topicAlreadyExists
        /// The broker or librdkafka does not support the request.
        case unsupported
        /// The client was closed or is being destroyed.
        case closed
        /// Any other error reported by a broker.
        case broker
        /// Any other error raised by librdkafka on the client side.
        case client
    }

    /// The kind of failure.
    public var code: Code
    /// librdkafka's `rd_kafka_resp_err_t` value (negative: raised by the client; positive: the broker's protocol code).
    public var rdKafkaCode: Int32
    /// librdkafka's description of the failure (or Eddy's, for errors raised by `KafkaClient` itself).
    public var message: String
    /// Whether the client instance is permanently unusable (e.g. a fenced or failed idempotent producer).
    public var isFatal: Bool
    /// Whether retrying the same operation may succeed.
    public var isRetriable: Bool
    /// Where it happened: the operation, topic, partition, configuration key... (keys from ``KafkaMetadataKey``).
    public var context: [String: String]

    /// Creates an error; `KafkaClient` builds these from librdkafka's answers.
    ///
    /// - Parameters:
    ///   - code: the kind of failure.
    ///   - rdKafkaCode: librdkafka's numeric code (0 when the error is Eddy's own).
    ///   - message: a sentence describing the failure.
    ///   - isFatal: whether the client instance is unusable.
    ///   - isRetriable: whether the call may succeed if repeated.
    ///   - context: where it happened.
    public init(
        code: Code, rdKafkaCode: Int32 = 0, message: String, isFatal: Bool = false, isRetriable: Bool = false,
        context: [String: String] = [:]
    ) {
        self.code = code
        self.rdKafkaCode = rdKafkaCode
        self.message = message
        self.isFatal = isFatal
        self.isRetriable = isRetriable
        self.context = context
    }

    /// Returns a copy with more context merged in (existing keys are overwritten).
    ///
    /// - Parameter extra: the keys and values to add, e.g. `[KafkaMetadataKey.operation: "commit"]`.
    public func adding(context extra: [String: String]) -> KafkaError {
        var copy = self
        copy.context.merge(extra) { _, new in new }
        return copy
    }

    /// A one-line human description: kind, librdkafka's code and text, flags and context.
    public var description: String {
        var text = "Kafka error (\(code.rawValue), librdkafka code \(rdKafkaCode)): \(message)"
        if isFatal { text += " [fatal]" }
        if isRetriable { text += " [retriable]" }
        if !context.isEmpty {
            text += " {" + context.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + "}"
        }
        return text
    }
}
