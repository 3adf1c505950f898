// swift-tools-version: 6.2
// 6.2 because swift-subprocess 1.0.x requires it; Swift 6 language mode is the default.
import PackageDescription

let package = Package(
    name: "arco",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "arco", targets: ["arco"]),
        .executable(name: "arco-bench", targets: ["ArcoBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", .upToNextMinor(from: "1.0.2")),
        // Already in the graph through swift-subprocess; named so the engine may spell FilePath.
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        // The PostgreSQL wire protocol for the shared store (issue 21); only ArcoStore talks to it.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Already in the graph through postgres-nio; named because the PostgreSQL session uses their
        // types directly (event loops, TLS contexts, a silent logger).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        // libedit for `arco shell`'s line editing, history and completion (docs/adr/0018-arco-shell.md).
        .systemLibrary(name: "CEditLine", path: "Sources/CEditLine", providers: [.apt(["libedit-dev"])]),
        // Pure domain: definitions, events, canonical JSON, the fold and decisions.
        .target(
            name: "ArcoCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // The only module that talks SQL.
        .target(
            name: "ArcoStore",
            dependencies: [
                "ArcoCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Use cases: composes Core and Store with a clock, ids, the file system and YAML.
        .target(
            name: "ArcoEngine",
            dependencies: [
                "ArcoCore", "ArcoStore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // Thin argument-parser commands: parse, one engine call, render.
        .target(
            name: "ArcoCLI",
            dependencies: [
                "ArcoCore", "ArcoEngine", "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "arco", dependencies: ["ArcoCLI"]),
        // Test support shipped as a real module: clocks, ids, builders, the store conformance suite.
        .target(name: "ArcoTesting", dependencies: ["ArcoCore", "ArcoStore"]),
        .executableTarget(
            name: "ArcoBench",
            dependencies: [
                "ArcoCore", "ArcoStore", "ArcoEngine", "ArcoTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "ArcoCoreTests", dependencies: ["ArcoCore", "ArcoTesting"]),
        // The schema golden is read from the source tree by path, not bundled.
        .testTarget(
            name: "ArcoStoreTests",
            dependencies: ["ArcoCore", "ArcoStore", "ArcoTesting", .product(name: "NIOCore", package: "swift-nio")],
            exclude: ["Golden/schema.sql"]),
        .testTarget(
            name: "ArcoEngineTests",
            dependencies: ["ArcoCore", "ArcoStore", "ArcoEngine", "ArcoTesting"]
        ),
        .testTarget(
            name: "ArcoCLITests",
            dependencies: ["ArcoCore", "ArcoCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "ArcoTestingTests", dependencies: ["ArcoCore", "ArcoStore", "ArcoTesting"]),
        .testTarget(name: "arcoTests", dependencies: ["arco", "ArcoBench", "ArcoCore", "ArcoCLI", "ArcoStore", "ArcoTesting"]),
    ]
)
