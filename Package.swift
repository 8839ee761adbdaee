// swift-tools-version: 6.2
// Chorus: one task, several LLM calls at once, one merged answer.
// The layout follows ../shared/DESIGN.md: arrows point inward, the core (`Chorus`) imports no
// terminal and no HTTP code, so every engine test runs in memory.
import PackageDescription

/// Settings every target shares: Swift 6 language mode (from the tools version), strict
/// concurrency, and warnings treated as errors, so "zero warnings" is enforced by the build.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "chorus",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "chorus", targets: ["chorus"]),
        .executable(name: "fake-llm-server", targets: ["fake-llm-server"]),
        .executable(name: "chorus-bench", targets: ["chorus-bench"]),
        .library(name: "Chorus", targets: ["Chorus"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Already in the graph through async-http-client; named so ChorusProviders can tell a
        // TLS failure from other connection errors.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // Already in the graph through async-http-client, which decompresses gzip and deflate
        // bodies with it; named so ChorusProviders can name a decompression failure.
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // The core: plan, engine, aggregation, run record. No terminal, no HTTP.
        .target(name: "Chorus", resources: [.copy("Resources/prompts")], swiftSettings: strict),
        // Real model back ends over HTTP (OpenAI-compatible, Anthropic), SSE parsing, retries.
        .target(
            name: "ChorusProviders",
            dependencies: [
                "Chorus",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
            ],
            swiftSettings: strict
        ),
        // ncursesw, linked from Debian's libncursesw5-dev (see shim.h for the pitfalls).
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // zlib, for the fake server's compressed bodies (Debian's zlib1g-dev).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // The terminal UI: state + reducer, layout, drawing into a cell grid, themes, curses backend.
        .target(
            name: "ChorusTUI",
            dependencies: ["Chorus", "CNcursesw", .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: strict
        ),
        // The command line as a library: settings, config file, sessions, export, wiring. Testable
        // without spawning a process; the `chorus` executable only calls its entry point.
        .target(
            name: "ChorusCLI",
            dependencies: [
                "Chorus", "ChorusProviders", "ChorusTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strict
        ),
        // The executable: a thin main around ChorusCLI.
        .executableTarget(name: "chorus", dependencies: ["ChorusCLI"], swiftSettings: strict),
        // Test doubles shared by tests and benchmarks: a manual clock, scripted in-memory models.
        // Never a provider a user can pick.
        .target(name: "ChorusTestSupport", dependencies: ["Chorus", "ChorusEvalKit"], swiftSettings: strict),
        // A real HTTP server on 127.0.0.1 that speaks both wire formats, scripted per request.
        .target(
            name: "FakeLLMServer",
            dependencies: [
                "CZlib",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        .executableTarget(name: "fake-llm-server", dependencies: ["FakeLLMServer"], swiftSettings: strict),
        // Dev only: the UI against scripted in-memory models, to look at it without a server.
        .executableTarget(
            name: "chorus-ui-preview",
            dependencies: ["Chorus", "ChorusTUI", "ChorusTestSupport"],
            swiftSettings: strict
        ),
        // Benchmarks that print figures (never timed unit tests).
        .executableTarget(
            name: "chorus-bench",
            dependencies: [
                "Chorus", "ChorusTestSupport", "ChorusProviders", "FakeLLMServer", "ChorusTUI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
        // Aggregation quality on a real model: accuracy of each strategy with bootstrap intervals.
        // The eval's own grading: an independent grader, bootstrap intervals and the question
        // file's shape. Depends on no other target, so it cannot share a bug with the code it
        // grades (issue 15).
        .target(name: "ChorusEvalKit", swiftSettings: strict),
        .executableTarget(
            name: "chorus-eval", dependencies: ["Chorus", "ChorusProviders", "ChorusEvalKit"],
            swiftSettings: strict),
        .testTarget(name: "ChorusTests", dependencies: ["Chorus", "ChorusTestSupport"], swiftSettings: strict),
        // The grader's rules and the question file's validity (reads eval/questions.jsonl).
        .testTarget(name: "ChorusEvalKitTests", dependencies: ["ChorusEvalKit"], swiftSettings: strict),
        .testTarget(
            name: "ChorusProvidersTests",
            dependencies: [
                "ChorusProviders", "FakeLLMServer", "ChorusTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ChorusTUITests",
            dependencies: ["ChorusTUI", "ChorusTestSupport"],
            exclude: ["__Snapshots__"],  // text snapshots of frames, read at run time
            swiftSettings: strict
        ),
        .testTarget(name: "ChorusCLITests", dependencies: ["ChorusCLI", "ChorusTestSupport"], swiftSettings: strict),
        // End-to-end: the built `chorus` binary against the `fake-llm-server` binary.
        .testTarget(
            name: "ChorusBinaryTests",
            dependencies: ["Chorus", "ChorusTestSupport", "chorus", "fake-llm-server"],
            swiftSettings: strict
        ),
    ]
)
