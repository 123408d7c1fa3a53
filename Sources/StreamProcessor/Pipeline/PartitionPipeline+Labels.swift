import FeatureExtraction
import OnlineLearning

extension PartitionPipeline {
    /// Processes a batch of labels-topic records (`{"id": ..., "label": ...}`, read by ``LabelDecoder``): each
    /// label that finds its
    /// remembered event scores that event's prediction and trains the model on it; a malformed record
    /// becomes a dead letter; a label whose event is unknown or expired is counted
    /// (``LabelJoinStore/Counters/unmatched``) and otherwise ignored.
    /// - Parameters:
    ///   - batch: the label records, in offset order.
    ///   - outputs: receives dead letters and any drift events.
    public mutating func processLabels(_ batch: [InputRecord], into outputs: inout [OutputRecord]) {
        for record in batch {
            counters.labelRecordsIn += 1
            guard let value = record.value else {
                counters.labelRecordRejections[PartitionPipelineReason.tombstone, default: 0] += 1
                deadLetter(record, reason: PartitionPipelineReason.tombstone, field: nil,
                           message: "the label record has a null value (a tombstone)", into: &outputs)
                continue
            }
            switch labelDecoder.decode(value) {
            case .success(let parsed):
                applyLabel(id: parsed.id, label: parsed.label, into: &outputs)
            case .failure(let rejection):
                counters.labelRecordRejections[rejection.reason.rawValue, default: 0] += 1
                deadLetter(record, reason: rejection.reason.rawValue, field: rejection.field, message: rejection.message, into: &outputs)
            }
        }
    }

    /// Joins a late label to the event remembered under `id`: scores the prediction that was published for
    /// it and trains the model on the instance as it was seen then.
    ///
    /// The model learns through ``OnlineLearning/Classifier/learn(_:label:weight:)``; an abstaining ensemble
    /// therefore moves θ by the vote it would make now (the published vote is not kept, to keep entries small).
    /// - Parameters:
    ///   - id: the event id.
    ///   - label: the class index (outside `0..<classCount` is ignored and counted as unmatched).
    ///   - outputs: receives a drift event if this label's error completes a detection.
    /// - Returns: true when the event was found.
    @discardableResult
    public mutating func applyLabel(id: String, label: Int, into outputs: inout [OutputRecord]) -> Bool {
        guard label >= 0, label < header.classCount else {
            labelStore.countUnmatched()
            return false
        }
        guard let entry = labelStore.take(id: id, now: now()) else { return false }
        _ = score(truth: label, predicted: entry.predictedClass, abstained: entry.abstained,
                  offset: entry.offset, eventTime: entry.eventTime, into: &outputs)
        model.learn(entry.instance, label: label, weight: 1)
        learnBackups(entry.instance, label: label)
        return true
    }

    /// Drops remembered events older than the TTL now (they are also dropped as records arrive); call it
    /// from a timer when the input is idle so that ``LabelJoinStore/Counters/expired`` stays current.
    public mutating func expireLabels() {
        labelStore.expire(now: now())
    }

    /// Scores one labelled prediction and feeds its error to the concept-drift detector; on drift, emits the
    /// drift event and applies the configured action.
    /// - Returns: true when the model was reset.
    mutating func score(truth: Int, predicted: Int, abstained: Bool, offset: Int64, eventTime: Double?,
                        into outputs: inout [OutputRecord]) -> Bool {
        evaluator.add(truth: truth, predicted: predicted, abstained: abstained)
        counters.labelledPredictions += 1
        if let s = segment {
            segment = (min(s.from, offset), max(s.to, offset), s.count + 1)
        } else {
            segment = (offset, offset, 1)
        }
        switch monitor.update(error: predicted == truth ? 0 : 1) {
        case .stable:
            return false
        case .warning:
            counters.driftWarnings += 1
            return false
        case .drift:
            break
        }
        let before = modelVersion
        let reset = configuration.driftAction == .resetModel
        if reset {
            model = prototype
            modelVersion += 1
        }
        let seen = segment ?? (offset, offset, 1)
        let drift = DriftEvent(
            kind: .concept, detector: monitor.kind.rawValue, statistic: monitor.estimation, threshold: monitor.threshold,
            topic: topic, partition: partition, fromOffset: seen.from, toOffset: offset, observations: seen.count,
            eventTime: eventTime, modelVersionBefore: before, modelVersionAfter: modelVersion, action: configuration.driftAction)
        if reset { monitor.reset() } // watch the new model from its first prediction
        segment = nil
        counters.driftEvents[.concept, default: 0] += 1
        writer.reset()
        drift.write(to: &writer)
        outputs.append(OutputRecord(destination: .drift, key: Array("\(topic)-\(partition)".utf8), value: writer.bytes,
                                    sourceOffset: offset))
        return reset
    }

    /// Appends the dead letter of `record`: its key and value untouched, its headers followed by `eddy.reason`,
    /// `eddy.field` (when known), `eddy.message`, `eddy.source.topic`, `eddy.source.partition` and
    /// `eddy.source.offset`.
    mutating func deadLetter(_ record: InputRecord, reason: String, field: String?, message: String, into outputs: inout [OutputRecord]) {
        var headers = record.headers
        headers.append(RecordHeader(name: "eddy.reason", string: reason))
        if let field { headers.append(RecordHeader(name: "eddy.field", string: field)) }
        headers.append(RecordHeader(name: "eddy.message", string: message))
        headers.append(RecordHeader(name: "eddy.source.topic", string: record.topic))
        headers.append(RecordHeader(name: "eddy.source.partition", string: String(record.partition)))
        headers.append(RecordHeader(name: "eddy.source.offset", string: String(record.offset)))
        outputs.append(OutputRecord(destination: .deadLetter, key: record.key, value: record.value, headers: headers,
                                    sourceOffset: record.offset))
        counters.deadLetters += 1
    }

    /// A snapshot of every measure (allocates; call it when exporting metrics, not per event).
    public var metrics: PipelineMetrics {
        PipelineMetrics(
            counters: counters, validation: extractor.counters, labelJoin: labelStore.counters,
            labelJoinSize: labelStore.count, modelVersion: modelVersion, threshold: model.abstentionThreshold,
            cumulative: evaluator.cumulative, window: evaluator.window)
    }
}
