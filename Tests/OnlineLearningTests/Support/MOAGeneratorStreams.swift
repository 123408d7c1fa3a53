import Foundation
import OnlineLearning

/// Small streams from MOA's generators with nominal attributes and more than two classes, and MOA's curves on
/// them (`Fixtures/moa/generators`), to pin nominal observers, multiway splits and multi-class bounds.
enum MOAGeneratorStreams {
    /// Loads `name` (`AgrawalGenerator` or `LEDGenerator`): its header and its labelled instances.
    static func load(_ name: String) throws -> (header: Header, stream: [(x: Instance, label: Int)]) {
        guard let url = Bundle.module.url(forResource: name, withExtension: "arff.gz", subdirectory: "Fixtures/moa/generators") else {
            throw ReferenceError("fixture \(name).arff.gz is missing")
        }
        let data = try gunzip(url.path)
        return try parseARFF(String(decoding: data, as: UTF8.self))
    }

    /// MOA's accuracy curve for `learner` (NB, HT or HAT) on stream `name`.
    static func moaCurve(_ name: String, _ learner: String) throws -> [(instances: Int, accuracy: Double)] {
        guard let url = Bundle.module.url(forResource: "curves", withExtension: "csv", subdirectory: "Fixtures/moa/generators") else {
            throw ReferenceError("fixture curves.csv is missing")
        }
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst().compactMap { line in
            let cells = line.split(separator: ",")
            guard cells[0] == name, cells[1] == learner else { return nil }
            return (Int(cells[2])!, Double(cells[3])!)
        }
    }

    /// A minimal reader for MOA's dense ARFF output: numeric and `{...}` nominal attributes, class last.
    static func parseARFF(_ text: String) throws -> (header: Header, stream: [(x: Instance, label: Int)]) {
        var attributes: [Attribute] = []
        var classes: [String] = []
        var inData = false
        var stream: [(x: Instance, label: Int)] = []
        for line in text.split(separator: "\n") where !line.isEmpty {
            if inData {
                // MOA ends each data line with a comma.
                let cells = line.split(separator: ",")
                guard cells.count == attributes.count + 1 else { throw ReferenceError("bad ARFF line: \(line)") }
                var values: [Double] = []
                for (a, cell) in zip(attributes, cells) {
                    if case .nominal(let names) = a.kind {
                        guard let i = names.firstIndex(of: String(cell)) else { throw ReferenceError("unknown value \(cell)") }
                        values.append(Double(i))
                    } else {
                        guard let v = Double(cell) else { throw ReferenceError("bad number \(cell)") }
                        values.append(v)
                    }
                }
                guard let label = classes.firstIndex(of: String(cells[attributes.count])) else {
                    throw ReferenceError("unknown class in \(line)")
                }
                stream.append((Instance(values), label))
            } else if line.hasPrefix("@attribute") {
                let parts = line.split(separator: " ", maxSplits: 2)
                let kind = parts[2]
                if kind.hasPrefix("{") {
                    attributes.append(.nominal(String(parts[1]), values: kind.dropFirst().dropLast().split(separator: ",").map(String.init)))
                } else {
                    attributes.append(.numeric(String(parts[1])))
                }
            } else if line.hasPrefix("@data") {
                guard case .nominal(let names)? = attributes.popLast()?.kind else { throw ReferenceError("class is not nominal") }
                classes = names
                inData = true
            }
        }
        return (Header(attributes: attributes, classes: classes), stream)
    }
}
