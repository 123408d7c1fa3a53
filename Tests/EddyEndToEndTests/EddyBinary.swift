import Foundation

/// Finds the built `eddy` executable next to the test bundle (same build directory).
enum EddyBinary {
    /// The path of `.build/<configuration>/eddy`, or nil when it has not been built.
    static var path: String? {
        let fm = FileManager.default
        var candidates: [URL] = []
        // The test bundle lives in the same build products directory as the executable.
        let bundle = Bundle.main.bundleURL
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("eddy"))
        candidates.append(bundle.appendingPathComponent("eddy"))
        // Fall back to the package's .build/debug, found from this source file.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/eddy"))
        return candidates.first { fm.isExecutableFile(atPath: $0.path) }?.path
    }
}
