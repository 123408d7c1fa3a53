import Foundation

/// Writes a replay's output records to `predictions.jsonl`, `drift_events.jsonl` and `dead_letters.jsonl`.
///
/// Predictions and drift events are written as the JSON values the topics would carry, one per line. A dead
/// letter's value may be anything (it is the refused input), so each becomes one JSON object:
/// `{"offset":…,"key":…,"value":"<original bytes as UTF-8 text>","headers":{"eddy.reason":…,…}}`.
struct ReplayOutputSink {
    private var files: [OutputRecord.Destination: FileHandle] = [:]
    private var buffers: [OutputRecord.Destination: [UInt8]] = [:]

    /// Opens (truncating) the three files in `directory`; with nil, records are discarded.
    init(directory: String?) throws {
        guard let directory else { return }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let names: [OutputRecord.Destination: String] = [
            .predictions: "predictions.jsonl", .drift: "drift_events.jsonl", .deadLetter: "dead_letters.jsonl",
        ]
        for (destination, name) in names {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            guard FileManager.default.createFile(atPath: path, contents: nil),
                  let handle = FileHandle(forWritingAtPath: path) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
            files[destination] = handle
            buffers[destination] = []
        }
    }

    /// Appends `outputs` to their files and empties the array (keeping its storage).
    mutating func write(_ outputs: inout [OutputRecord]) throws {
        defer { outputs.removeAll(keepingCapacity: true) }
        guard !files.isEmpty else { return }
        for o in outputs {
            switch o.destination {
            case .predictions, .drift:
                buffers[o.destination]!.append(contentsOf: o.value ?? [])
            case .deadLetter:
                var w = JSONWriter()
                w.beginObject()
                w.key("offset"); w.int(o.sourceOffset)
                w.key("key")
                if let k = o.key { w.string(String(decoding: k, as: UTF8.self)) } else { w.null() }
                w.key("value")
                if let v = o.value { w.string(String(decoding: v, as: UTF8.self)) } else { w.null() }
                w.key("headers")
                w.beginObject()
                for h in o.headers {
                    w.key(h.name)
                    if let s = h.stringValue { w.string(s) } else { w.null() }
                }
                w.endObject()
                w.endObject()
                buffers[.deadLetter]!.append(contentsOf: w.bytes)
            }
            buffers[o.destination]!.append(UInt8(ascii: "\n"))
        }
        for (destination, handle) in files where !(buffers[destination]!.isEmpty) {
            try handle.write(contentsOf: buffers[destination]!)
            buffers[destination]!.removeAll(keepingCapacity: true)
        }
    }

    /// Closes the files.
    mutating func close() throws {
        for handle in files.values { try handle.close() }
        files = [:]
    }
}
