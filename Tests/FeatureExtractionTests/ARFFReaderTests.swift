import Testing
import OnlineLearning
@testable import FeatureExtraction

@Suite struct ARFFReaderTests {
    static let weather = """
        % A comment before the relation
        @RELATION weather

        @attribute outlook {sunny, overcast, 'light rain'}
        @attribute temperature real
        @ATTRIBUTE 'wind speed' NUMERIC
        @attribute play {yes,no}

        @data
        sunny,85,?,no
        % a comment among the rows
        'light rain', 70.5 ,3,yes
        ?,1e1,2,?

        """

    @Test func readsDeclaredAttributesAndClassesInOrder() throws {
        let reader = try ARFFReader(path: try temporaryFile(Self.weather, suffix: ".arff"))
        #expect(reader.relation == "weather")
        #expect(reader.header.attributes == [.nominal("outlook", values: ["sunny", "overcast", "light rain"]), .numeric("temperature"), .numeric("wind speed")])
        #expect(reader.header.classes == ["yes", "no"])
        let data = try reader.readAll()
        #expect(data.labels == [1, 0, -1])
        #expect(data.instances[0].values[0] == 0 && data.instances[0].values[1] == 85 && data.instances[0].values[2].isNaN)
        #expect(data.instances[1].values == [2, 70.5, 3])
        #expect(data.instances[2].values[0].isNaN && data.instances[2].values[1] == 10)
    }

    @Test func theTargetOptionPicksANominalClassAnywhere() throws {
        let reader = try ARFFReader(path: try temporaryFile(Self.weather, suffix: ".arff"), options: .init(target: "outlook"))
        #expect(reader.header.classes == ["sunny", "overcast", "light rain"])
        #expect(reader.header.attributes.map(\.name) == ["temperature", "wind speed", "play"])
        #expect(try reader.readAll().labels == [0, 2, -1])
        let e = extractionError { _ = try ARFFReader(path: reader.path, options: .init(target: "temperature")) }
        #expect(e?.code == "arff.class_not_nominal")
    }

    @Test func malformedFilesGiveErrorsWithLineAndColumn() throws {
        let head = "@relation r\n@attribute a numeric\n@attribute c {p,q}\n@data\n"
        let cases: [(String, String, String)] = [
            (head + "1,p\nx,q\n", "arff.not_numeric", ":6:1"),
            (head + "1,p\n2, z\n", "arff.unknown_value", ":6:4"),
            (head + "1,p,3\n", "arff.field_count", ":5"),
            (head + "{0 1, 1 p}\n", "arff.sparse_unsupported", ":5:1"),
            (head + "'1,p\n", "arff.unterminated_quote", ":5:1"),
            ("@relation r\n@attribute a numeric\n", "arff.no_data", ""),
            ("@relation r\n@attribute s string\n@data\n", "arff.unsupported_type", ":2"),
            ("@relation r\n@attribute c {p,q\n@data\n", "arff.bad_attribute", ":2"),
            ("@relation r\nhello\n", "arff.bad_attribute", ":2:1"),
        ]
        for (text, code, suffix) in cases {
            let path = try temporaryFile(text, suffix: ".arff")
            let e = extractionError { _ = try ARFFReader(path: path).readAll() }
            #expect(e?.code == code, "\(text)")
            #expect(e?.location == path + suffix, "\(text): \(String(describing: e))")
        }
        #expect(TabularFormat(path: "x.ARFF") == .arff && TabularFormat(path: "a.csv") == .csv && TabularFormat(path: "a.txt") == nil)
    }
}
