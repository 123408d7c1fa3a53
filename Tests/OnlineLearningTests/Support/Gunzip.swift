import Foundation

/// The decompressed bytes of a gzip file, through the system's `gzip` (Foundation has no zlib on Linux).
/// - Throws: ``ReferenceError`` when gzip cannot run or fails (a missing or corrupt fixture).
func gunzip(_ path: String) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-dc", path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw ReferenceError("gzip -dc \(path) failed") }
    return data
}
