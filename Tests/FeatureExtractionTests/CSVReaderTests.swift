import Foundation
import Testing
import OnlineLearning
@testable import FeatureExtraction

/// Writes `text` to a fresh temporary file and returns its path.
func temporaryFile(_ text: String, suffix: String = ".csv") throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-\(UUID().uuidString)\(suffix)").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

/// The error thrown by `body`, which must be a ``FeatureExtractionError``.
func extractionError(_ body: () throws -> Void) -> FeatureExtractionError? {
    do { try body() } catch let e as FeatureExtractionError { return e } catch { return nil }
    return nil
}

@Suite struct CSVReaderTests {
    static let mixed = """
        x,colour,y,class
        1.5,red,-2e3,yes
        2,"blue, dark",,no
        ?,red,3.25,yes
        -0.125,green,7,?

        """

    @Test func infersNumericAndNominalColumnsAndSortsValues() throws {
        let reader = try CSVReader(path: try temporaryFile(Self.mixed))
        #expect(reader.header.attributes == [.numeric("x"), .nominal("colour", values: ["blue, dark", "green", "red"]), .numeric("y")])
        #expect(reader.header.classes == ["no", "yes"])
        let data = try reader.readAll()
        #expect(data.labels == [1, 0, 1, -1])
        #expect(data.instances[0].values == [1.5, 2, -2000])
        #expect(data.instances[1].values[1] == 0 && data.instances[1].values[2].isNaN)
        #expect(data.instances[2].values[0].isNaN && data.instances[2].values[2] == 3.25)
        #expect(data.instances[3].values == [-0.125, 1, 7])
    }

    @Test func theTargetOptionAndDeclaredClassesChooseTheClass() throws {
        let path = try temporaryFile(Self.mixed)
        var options = CSVReader.Options(target: "colour", classes: ["red", "green", "blue, dark"])
        let reader = try CSVReader(path: path, options: options)
        #expect(reader.header.attributes.map(\.name) == ["x", "y", "class"])
        #expect(reader.header.attributes[2] == .nominal("class", values: ["no", "yes"]))
        #expect(try reader.readAll().labels == [0, 2, 0, 1])
        options.classes = ["red", "green"]
        let e = extractionError { _ = try CSVReader(path: path, options: options) }
        #expect(e?.code == "csv.unknown_class")
        #expect(e?.location.hasSuffix(":3:3") == true)
    }

    @Test func aByteOrderMarkIsNotPartOfTheFirstName() throws {
        let reader = try CSVReader(path: try temporaryFile("\u{FEFF}a,b\n1,x\n"), options: .init(target: "a"))
        #expect(reader.header.classes == ["1"] && reader.header.attributes == [.nominal("b", values: ["x"])])
    }

    @Test func aColumnTurnsNominalWhenALaterValueIsNotANumber() throws {
        let reader = try CSVReader(path: try temporaryFile("a,b\n1,x\n2,x\nthree,y\n"))
        #expect(reader.header.attributes == [.nominal("a", values: ["1", "2", "three"])])
        #expect(try reader.readAll().instances.map(\.values) == [[0], [1], [2]])
    }

    @Test func chunkBoundariesQuotedNewlinesAndCRLFAreHandled() throws {
        var text = "name,v,class\r\n"
        for i in 0..<200 { text += "\"row\n\(i % 3)\",\(i).5,c\(i % 2)\r\n" }
        text += "\"last\",1e-2,c1" // no final newline
        let path = try temporaryFile(text)
        var options = CSVReader.Options()
        options.chunkSize = 16
        let small = try CSVReader(path: path, options: options).readAll()
        let large = try CSVReader(path: path).readAll()
        #expect(small.instances == large.instances && small.labels == large.labels)
        #expect(small.instances.count == 201)
        #expect(small.header.attributes[0] == .nominal("name", values: ["last", "row\n0", "row\n1", "row\n2"]))
        #expect(small.instances[7].values == [2, 7.5])
        #expect(small.instances[200].values == [0, 0.01])
    }

    @Test func smallChunksWithoutQuotesSplitRecordsAlike() throws {
        var text = "a,b,class\r\n"
        for i in 0..<500 { text += "\(i),\(Double(i) / 8),c\(i % 3)\(i % 2 == 0 ? "\r\n" : "\n")" }
        let path = try temporaryFile(text)
        var options = CSVReader.Options()
        options.chunkSize = 7
        let small = try CSVReader(path: path, options: options).readAll()
        #expect(small.instances.count == 500)
        #expect(small.instances == (try CSVReader(path: path).readAll().instances))
        #expect(small.instances[499].values == [499, 499.0 / 8] && small.labels[499] == 1)
    }

    @Test func numbersAreCorrectlyRounded() throws {
        var r = RandomSource(seed: 3)
        var lines = ["v,class"]
        var expected: [Double] = []
        for i in 0..<2000 {
            let v = (r.nextDouble() - 0.5) * Double(1 << (i % 40))
            let text = i % 3 == 0 ? "\(v)" : (i % 3 == 1 ? String(v).replacingOccurrences(of: "e", with: "E") : "\(Float(v))")
            lines.append("\(text),a")
            expected.append(Double(text)!)
        }
        for i in 0..<3000 {
            // 16-19 significant digits with the decimal point anywhere: the integer-division path.
            let digits = 16 + i % 4
            var text = String(r.nextInt(below: 9) + 1)
            for _ in 1..<digits { text += String(r.nextInt(below: 10)) }
            let point = r.nextInt(below: digits + 4)
            if point < digits { text.insert(".", at: text.index(text.startIndex, offsetBy: point)) } else { text = "0." + String(repeating: "0", count: point - digits) + text }
            if i % 5 == 0 { text = "-" + text }
            lines.append("\(text),a")
            expected.append(Double(text)!)
        }
        for text in ["9007199254740993", "0.9007199254740993", "1.0000000000000001110223024625156540", "2.2250738585072014e-308", "4.9e-324", "1e400", "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174725"] {
            lines.append("\(text),a")
            expected.append(Double(text)!)
        }
        lines.append("0012.50000000000000000000001,a")
        expected.append(12.50000000000000000000001)
        lines.append("123456789012345678901234567890,a")
        expected.append(Double("123456789012345678901234567890")!)
        lines.append(".5e-310,a")
        expected.append(Double(".5e-310")!)
        let values = try CSVReader(path: try temporaryFile(lines.joined(separator: "\n"))).readAll().instances.map { $0.values[0] }
        #expect(values.map(\.bitPattern) == expected.map(\.bitPattern))
    }

    @Test func malformedFilesGiveErrorsWithLineAndColumn() throws {
        let cases: [(String, String, String)] = [
            ("", "csv.empty", ""),
            ("a,b\n1,x\n1,2,3\n", "csv.field_count", ":3"),
            ("a,b\n1,x\n\"open,x\n", "csv.unterminated_quote", ":3:1"),
        ]
        for (text, code, suffix) in cases {
            let path = try temporaryFile(text)
            let e = extractionError { _ = try CSVReader(path: path).readAll() }
            #expect(e?.code == code, "\(text)")
            #expect(e?.location == path + suffix, "\(text): \(String(describing: e))")
        }
        let path = try temporaryFile("a,b\n1,x\n")
        #expect(extractionError { _ = try CSVReader(path: path, options: .init(target: "nope")) }?.code == "csv.unknown_target")
        #expect(extractionError { _ = try CSVReader(path: path + ".missing") }?.code == "file.unreadable")
        var options = CSVReader.Options()
        options.inferenceRows = 1
        let late = try CSVReader(path: try temporaryFile("a,b\n1,x\n2,x\nthree,x\n"), options: options)
        let e = extractionError { _ = try late.readAll() }
        #expect(e?.code == "csv.not_numeric")
        #expect(e?.location.hasSuffix(":4:1") == true)
        #expect(e?.message.contains("'three'") == true)
    }
}
