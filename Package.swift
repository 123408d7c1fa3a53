// swift-tools-version: 6.2
import PackageDescription

/// Eddy: a streaming online-learning processor. Targets follow design.md §2; dependencies point inward.
let package = Package(
    name: "eddy",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "eddy", targets: ["eddy"]),
        .library(name: "OnlineLearning", targets: ["OnlineLearning"]),
        .library(name: "FeatureExtraction", targets: ["FeatureExtraction"]),
        .library(name: "KafkaClient", targets: ["KafkaClient"]),
        .library(name: "StreamProcessor", targets: ["StreamProcessor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "Crdkafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        .target(name: "OnlineLearning"),
        .target(name: "FeatureExtraction", dependencies: ["OnlineLearning"]),
        .target(
            name: "KafkaClient",
            dependencies: ["Crdkafka", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "StreamProcessor",
            dependencies: [
                "OnlineLearning", "FeatureExtraction", "KafkaClient",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "eddy",
            dependencies: [
                "StreamProcessor",
                "KafkaClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "OnlineLearningTests", dependencies: ["OnlineLearning", "FeatureExtraction"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "FeatureExtractionTests", dependencies: ["FeatureExtraction"]),
        .testTarget(name: "KafkaClientTests", dependencies: ["KafkaClient"]),
        .testTarget(name: "StreamProcessorTests", dependencies: ["StreamProcessor", "KafkaClient"]),
        // Runs the built `eddy` binary against an embedded broker; needs `swift build` first (skips otherwise).
        .testTarget(name: "EddyEndToEndTests", dependencies: ["KafkaClient"]),
    ],
    swiftLanguageModes: [.v6]
)
