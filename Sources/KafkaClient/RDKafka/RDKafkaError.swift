import Crdkafka

/// Translation of librdkafka's error codes and error objects into ``KafkaError``.
extension KafkaError {
    /// Builds an error from a bare `rd_kafka_resp_err_t`.
    ///
    /// - Parameters:
    ///   - error: librdkafka's code.
    ///   - message: a better text than `rd_kafka_err2str` when the caller has one (e.g. a broker's reason).
    ///   - context: where it happened.
    init(rdKafka error: rd_kafka_resp_err_t, message: String? = nil, context: [String: String] = [:]) {
        let code = KafkaError.code(for: error)
        self.init(
            code: code,
            rdKafkaCode: error.rawValue,
            message: message ?? String(cString: rd_kafka_err2str(error)),
            isFatal: error == RD_KAFKA_RESP_ERR__FATAL,
            isRetriable: KafkaError.isRetriable(error),
            context: context
        )
    }

    /// Builds an error from an `rd_kafka_error_t` object and destroys the object.
    ///
    /// librdkafka's error objects carry their own fatal / retriable / abort-required flags, which win over
    /// the code-based guesses of ``init(rdKafka:message:context:)``.
    /// - Parameters:
    ///   - error: an owned error object (destroyed here).
    ///   - context: where it happened.
    init(consuming error: OpaquePointer, context: [String: String] = [:]) {
        defer { rd_kafka_error_destroy(error) }
        let raw = rd_kafka_error_code(error)
        var code = KafkaError.code(for: raw)
        if rd_kafka_error_txn_requires_abort(error) != 0 && code != .fenced { code = .transactionAbortRequired }
        let text = rd_kafka_error_string(error).map { String(cString: $0) } ?? String(cString: rd_kafka_err2str(raw))
        self.init(
            code: code,
            rdKafkaCode: raw.rawValue,
            message: text,
            isFatal: rd_kafka_error_is_fatal(error) != 0,
            isRetriable: rd_kafka_error_is_retriable(error) != 0,
            context: context
        )
    }

    /// Builds the error a client reports after `RD_KAFKA_RESP_ERR__FATAL`: the underlying fatal cause.
    ///
    /// - Parameters:
    ///   - handle: the client whose fatal error is read (`rd_kafka_fatal_error`).
    ///   - context: where it happened.
    static func fatal(of handle: OpaquePointer, context: [String: String] = [:]) -> KafkaError {
        var buffer = [CChar](repeating: 0, count: 512)
        let underlying = rd_kafka_fatal_error(handle, &buffer, buffer.count)
        var error = KafkaError(rdKafka: underlying, message: String(cBuffer: buffer), context: context)
        if underlying == RD_KAFKA_RESP_ERR_NO_ERROR { error = KafkaError(rdKafka: RD_KAFKA_RESP_ERR__FATAL, context: context) }
        error.isFatal = true
        error.isRetriable = false
        return error
    }

    /// The ``Code`` a librdkafka code belongs to.
    static func code(for error: rd_kafka_resp_err_t) -> Code {
        switch error {
        case RD_KAFKA_RESP_ERR__INVALID_ARG, RD_KAFKA_RESP_ERR__INVALID_TYPE, RD_KAFKA_RESP_ERR_INVALID_PARTITIONS,
            RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR:
            return .invalidArgument
        case RD_KAFKA_RESP_ERR_INVALID_CONFIG, RD_KAFKA_RESP_ERR__CONFLICT:
            return .configuration
        case RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN, RD_KAFKA_RESP_ERR__RESOLVE,
            RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION, RD_KAFKA_RESP_ERR_BROKER_NOT_AVAILABLE:
            return .transport
        case RD_KAFKA_RESP_ERR__TIMED_OUT, RD_KAFKA_RESP_ERR__MSG_TIMED_OUT, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
            RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE:
            return .timedOut
        case RD_KAFKA_RESP_ERR__QUEUE_FULL:
            return .queueFull
        case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE:
            return .messageTooLarge
        case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC,
            RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
            return .unknownTopicOrPartition
        case RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE:
            return .offsetOutOfRange
        case RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS, RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION,
            RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID, RD_KAFKA_RESP_ERR_NOT_COORDINATOR,
            RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE, RD_KAFKA_RESP_ERR__ASSIGNMENT_LOST:
            return .groupMembership
        case RD_KAFKA_RESP_ERR__STATE, RD_KAFKA_RESP_ERR_INVALID_TXN_STATE, RD_KAFKA_RESP_ERR__PREV_IN_PROGRESS,
            RD_KAFKA_RESP_ERR__OUTDATED:
            return .invalidState
        case RD_KAFKA_RESP_ERR__FENCED, RD_KAFKA_RESP_ERR_PRODUCER_FENCED, RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH,
            RD_KAFKA_RESP_ERR_TRANSACTION_COORDINATOR_FENCED:
            return .fenced
        case RD_KAFKA_RESP_ERR__PURGE_QUEUE, RD_KAFKA_RESP_ERR__PURGE_INFLIGHT:
            return .purged
        case RD_KAFKA_RESP_ERR__AUTHENTICATION, RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED,
            RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED,
            RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED:
            return .authorization
        case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS:
            return .topicAlreadyExists
        case RD_KAFKA_RESP_ERR__NOT_IMPLEMENTED, RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE,
            RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION:
            return .unsupported
        case RD_KAFKA_RESP_ERR__DESTROY:
            return .closed
        default:
            return error.rawValue < 0 ? .client : .broker
        }
    }

    /// Whether a bare code usually clears up by itself (librdkafka retries these internally too).
    static func isRetriable(_ error: rd_kafka_resp_err_t) -> Bool {
        switch error {
        case RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN, RD_KAFKA_RESP_ERR__RESOLVE,
            RD_KAFKA_RESP_ERR__TIMED_OUT, RD_KAFKA_RESP_ERR__MSG_TIMED_OUT, RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE,
            RD_KAFKA_RESP_ERR__QUEUE_FULL, RD_KAFKA_RESP_ERR__RETRY, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
            RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION, RD_KAFKA_RESP_ERR_BROKER_NOT_AVAILABLE,
            RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
            RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND,
            RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE, RD_KAFKA_RESP_ERR_NOT_COORDINATOR,
            RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS, RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS,
            RD_KAFKA_RESP_ERR_CONCURRENT_TRANSACTIONS, RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
            return true
        default:
            return false
        }
    }
}
