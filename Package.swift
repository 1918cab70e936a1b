// swift-tools-version:6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "hollow",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hollow", targets: ["hollow"]),
        .library(name: "HollowModel", targets: ["HollowModel"]),
        .library(name: "HollowStore", targets: ["HollowStore"]),
        .library(name: "HollowAPIServer", targets: ["HollowAPIServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
    ],
    targets: [
        .target(
            name: "HollowModel",
            dependencies: [],
            swiftSettings: strict
        ),
        .target(
            name: "HollowStore",
            dependencies: [
                "HollowModel",
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "HollowResources",
            dependencies: ["HollowModel"],
            swiftSettings: strict
        ),
        .target(
            name: "HollowPKI",
            dependencies: [
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "HollowAPIServer",
            dependencies: [
                "HollowModel",
                "HollowStore",
                "HollowResources",
                "HollowPKI",
                "HollowClient",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdHTTP2", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "HollowBench",
            dependencies: [
                "HollowModel",
                "HollowClient",
                "HollowRuntime",
                "HollowStore",
                "HollowAPIServer",
                "HollowControllers",
                "HollowNodes",
                "HollowKubemark",
                "HollowPKI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "HollowClient",
            dependencies: [
                "HollowModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "HollowRuntime",
            dependencies: [
                "HollowModel",
                "HollowClient",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "HollowControllers",
            dependencies: [
                "HollowModel",
                "HollowClient",
                "HollowRuntime",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "HollowNodes",
            dependencies: [
                "HollowModel",
                "HollowClient",
                "HollowRuntime",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "HollowKubemark",
            dependencies: [
                "HollowModel",
                "HollowClient",
                "HollowRuntime",
                "HollowControllers",
                "HollowNodes",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "hollow",
            dependencies: [
                "HollowAPIServer",
                "HollowClient",
                "HollowRuntime",
                "HollowControllers",
                "HollowNodes",
                "HollowBench",
                "HollowKubemark",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "HollowTesting",
            dependencies: [
                "HollowAPIServer",
                "HollowClient",
                "HollowStore",
                "HollowPKI",
                "HollowModel",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HollowModelTests", dependencies: ["HollowModel"],
            resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "HollowStoreTests", dependencies: ["HollowStore", "HollowModel"], swiftSettings: strict),
        .testTarget(
            name: "HollowResourcesTests", dependencies: ["HollowResources", "HollowModel"],
            swiftSettings: strict),
        .testTarget(
            name: "HollowPKITests",
            dependencies: [
                "HollowPKI", .product(name: "Yams", package: "Yams"), .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HollowAPIServerTests",
            dependencies: ["HollowAPIServer", "HollowTesting", "HollowPKI", "HollowModel"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HollowClientTests",
            dependencies: ["HollowClient", "HollowTesting", "HollowModel"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HollowRuntimeTests",
            dependencies: [
                "HollowRuntime", "HollowClient", "HollowTesting", "HollowModel",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HollowControllersTests",
            dependencies: [
                "HollowControllers", "HollowRuntime", "HollowClient", "HollowTesting", "HollowModel",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HollowNodesTests",
            dependencies: [
                "HollowNodes", "HollowControllers", "HollowRuntime", "HollowClient", "HollowTesting", "HollowModel",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Golden")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HollowKubemarkTests",
            dependencies: [
                "HollowKubemark", "HollowNodes", "HollowControllers", "HollowRuntime", "HollowClient", "HollowTesting",
                "HollowModel",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EndToEndTests",
            // `hollow` so that `swift test` builds the binary the tests launch.
            dependencies: ["HollowTesting", "HollowClient", "HollowModel", "hollow"],
            swiftSettings: strict
        ),
    ]
)
