// swift-tools-version: 6.2
import PackageDescription
import Foundation

// A path dependency is named after its folder, which differs between clones: read it from this file's path.
let eddy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

/// Eddy's benchmarks (ordo-one/package-benchmark), a package of their own so that `make test` never builds
/// the benchmark tooling. Run with `make bench` or `swift package benchmark` in this folder.
let package = Package(
    name: "EddyBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "Learners",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "OnlineLearning", package: eddy),
            ],
            path: "Benchmarks/Learners",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Features",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "FeatureExtraction", package: eddy),
                .product(name: "OnlineLearning", package: eddy),
            ],
            path: "Benchmarks/Features",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "KafkaPipeline",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "KafkaClient", package: eddy),
                "KafkaPipelineWorkload",
            ],
            path: "Benchmarks/KafkaPipeline",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // `swift run -c release eddy-kafka-bench`: both loops in one run, with their ratio (the README's figures).
        .executableTarget(
            name: "eddy-kafka-bench",
            dependencies: [.product(name: "KafkaClient", package: eddy), "KafkaPipelineWorkload"],
            path: "Sources/eddy-kafka-bench"
        ),
        // `swift run -c release eddy-run-bench`: issue 4's acceptance figures for `eddy run` (README, "Stream processor performance").
        .executableTarget(
            name: "eddy-run-bench",
            dependencies: [
                .product(name: "StreamProcessor", package: eddy),
                .product(name: "KafkaClient", package: eddy),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                "KafkaPipelineWorkload",
            ],
            path: "Sources/eddy-run-bench"
        ),
        .target(
            name: "KafkaPipelineWorkload",
            dependencies: [.product(name: "KafkaClient", package: eddy), "RawKafkaPipeline"],
            path: "Sources/KafkaPipelineWorkload"
        ),
        // The C baseline imports librdkafka through a module of its own: the main package's Crdkafka is not a product.
        .target(name: "RawKafkaPipeline", dependencies: ["CrdkafkaRaw"], path: "Sources/RawKafkaPipeline"),
        .systemLibrary(name: "CrdkafkaRaw", path: "Sources/CrdkafkaRaw", pkgConfig: "rdkafka"),
    ],
    swiftLanguageModes: [.v6]
)
