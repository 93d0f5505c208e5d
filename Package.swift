// swift-tools-version: 6.2
import PackageDescription

/// Upcoming features applied to every target, so each module states its imports honestly.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "conveyor",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "conveyor", targets: ["conveyor"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
    ],
    targets: [
        // MARK: - C libraries (system)
        .systemLibrary(name: "CGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        // MARK: - One module per concern
        // Blocking calls on private queues, off Swift's cooperative pool: the bottom of the graph.
        .target(name: "Blocking", swiftSettings: swiftSettings),
        .target(name: "JSON", swiftSettings: swiftSettings),
        .target(name: "Git", dependencies: ["Blocking", "CGit2"], swiftSettings: swiftSettings),
        .target(name: "HTTP", dependencies: ["Blocking", "CCurl"], swiftSettings: swiftSettings),
        .target(name: "Actions", swiftSettings: swiftSettings),
        .target(name: "Forge", dependencies: ["Blocking", "HTTP", "Actions"], swiftSettings: swiftSettings),
        .target(
            name: "Pipeline", dependencies: ["Actions", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings),
        .target(name: "Triggers", dependencies: ["JSON", "Pipeline"], swiftSettings: swiftSettings),
        .target(
            name: "Documents",
            dependencies: ["Pipeline", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DocAudit", dependencies: ["Documents", "Gates", "Pipeline"], swiftSettings: swiftSettings),
        .target(
            name: "Gates", dependencies: ["Actions", "Agents", "Documents", "Pipeline"], swiftSettings: swiftSettings),
        .target(
            name: "Agents",
            dependencies: [
                "Actions", "JSON", "Pipeline",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Store",
            dependencies: ["Blocking", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "StateBranch",
            dependencies: ["Blocking", "Git", "Store", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Supervisor",
            dependencies: [
                "Actions", "Agents", "Documents", "Forge", "Gates", "Git", "HTTP", "Pipeline", "StateBranch",
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Execution",
            dependencies: [
                "Actions", "Agents", "DocAudit", "Documents", "Forge", "Gates", "Git", "Pipeline", "StateBranch",
                "Supervisor",
                "Triggers",
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Flows",
            dependencies: ["Actions", "Execution", "Forge", "Pipeline", "StateBranch", "Store"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Adoption",
            dependencies: ["Actions", "Forge", "Pipeline"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Reporting",
            dependencies: ["StateBranch", "Store", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ConveyorCommands",
            dependencies: [
                "Actions", "Adoption", "Agents", "DocAudit", "Reporting", "Execution", "Flows", "Forge", "Git", "HTTP",
                "Pipeline",
                "StateBranch", "Store",
                "Triggers",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "conveyor",
            dependencies: [
                "Actions", "ConveyorCommands", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Fuzzing (scripts/fuzz builds it with libFuzzer; the plain build replays saved inputs)
        .executableTarget(
            name: "conveyor-fuzz", dependencies: ["Actions", "Agents", "Documents", "Pipeline", "Triggers"],
            path: "Sources/ConveyorFuzz", swiftSettings: swiftSettings
        ),

        // MARK: - Test support and benchmarks
        .target(
            name: "ConveyorTestSupport",
            dependencies: [
                "Git", "HTTP", "JSON",
                // The worlds' forge clients and state locations (`LoopbackWorld`).
                "Actions", "Forge", "StateBranch",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "ConveyorBench",
            dependencies: ["ConveyorTestSupport", "DocAudit", "Git", "HTTP", "Pipeline", "StateBranch", "Store"],
            swiftSettings: swiftSettings
        ),

        // MARK: - Tests
        .testTarget(name: "ActionsTests", dependencies: ["Actions"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PipelineTests", dependencies: ["Pipeline", "ConveyorTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "DocumentsTests",
            dependencies: ["Documents", "Pipeline", "ConveyorTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DocAuditTests",
            dependencies: ["DocAudit", "Documents", "Pipeline", "ConveyorTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GatesTests",
            dependencies: ["Gates", "Documents", "Pipeline", "ConveyorTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TriggersTests",
            dependencies: ["Triggers", "Pipeline", "ConveyorTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ExecutionTests",
            dependencies: [
                "Actions", "Execution", "Forge", "Git", "Pipeline", "StateBranch", "Triggers", "ConveyorTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AgentsTests",
            dependencies: [
                "Agents", "ConveyorTestSupport", "JSON", "Pipeline", .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "GitTests", dependencies: ["Git", "ConveyorTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "ConveyorTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ForgeTests", dependencies: ["Forge", "HTTP", "ConveyorTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "StoreTests", dependencies: ["Store", "ConveyorTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "FakeForgeTests",
            dependencies: ["HTTP", "ConveyorTestSupport", "JSON"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StateBranchTests",
            dependencies: [
                "StateBranch", "Store", "Git", "ConveyorTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ConveyorCommandsTests",
            dependencies: [
                "ConveyorCommands", "ConveyorTestSupport", "Documents", "JSON", "Pipeline", "StateBranch",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AdoptionTests",
            dependencies: ["Actions", "Adoption", "Forge", "HTTP", "Pipeline", "ConveyorTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SupervisorTests",
            dependencies: [
                "Supervisor", "Agents", "Forge", "Gates", "Git", "HTTP", "Pipeline", "StateBranch",
                "ConveyorTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FlowsTests",
            dependencies: [
                "Execution", "Flows", "Triggers", "Forge", "HTTP", "Pipeline", "StateBranch", "Store", "Git",
                "ConveyorTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReportingTests",
            dependencies: ["Reporting", "Store", "ConveyorTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
    ]
)
