// swift-tools-version:6.0
import PackageDescription

/// Release builds of our own targets drop bounds checks in hot loops (measured ~12% on scans).
let fastRelease: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "churn",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "churn", targets: ["churn"]),
        .library(name: "ChurnKit", targets: ["ChurnKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            path: "Sources/CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(
            name: "ChurnKit",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: fastRelease
        ),
        .target(
            name: "ChurnTUI",
            dependencies: ["ChurnKit", "CNcursesw"]
        ),
        .executableTarget(
            name: "churn",
            dependencies: [
                "ChurnKit", "ChurnTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ChurnKitTests", dependencies: ["ChurnKit", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ChurnTUITests", dependencies: ["ChurnTUI", "ChurnKit"], exclude: ["Snapshots"]),
        // Depending on the executable makes `swift test` build `churn`, which the tests run in tmux.
        // ChurnKit and GRDB let tests prepare workspaces (e.g. stored scores) before running the binary.
        .testTarget(name: "EndToEndTests", dependencies: ["churn", "ChurnKit", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v5]
)
