import Foundation
import Testing
import OnlineLearning
import FeatureExtraction

@Suite struct ReferenceStreamReaderTests {
    @Test func csvReaderReadsTheSeaFixtureExactlyWithMoasClassOrder() throws {
        let url = try #require(Bundle.module.url(forResource: "sea_abrupt_100k.csv", withExtension: "gz", subdirectory: "Fixtures"))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-sea-\(UUID().uuidString).csv").path
        let gunzip = Process()
        gunzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gunzip.arguments = ["-c", "gzip -dc '\(url.path)' > '\(path)'"]
        try gunzip.run()
        gunzip.waitUntilExit()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let data = try CSVReader(path: path).readAll()
        #expect(data.header == ReferenceStream.header)
        let expected = try ReferenceStream.sea()
        #expect(data.instances.count == expected.count)
        #expect(data.instances == expected.map(\.x))
        #expect(data.labels == expected.map(\.label))
    }
}
