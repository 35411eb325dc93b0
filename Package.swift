// swift-tools-version:6.2

import PackageDescription

let package = Package(
    name: "IronCage",
    products: [
        .executable(name: "ironcage", targets: ["ironcage"]),
        .library(name: "IronCageCLI", targets: ["IronCageCLI"]),
    ],
    targets: [
        // The system's SQLite (Debian: libsqlite3-dev), found through pkg-config.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        // SHA-256 compression on the x86 SHA extensions, chosen at run time by EventLog's
        // SHA256 (which falls back to its own Swift code); builds to a stub elsewhere.
        .target(
            name: "CSHA256",
            cSettings: [
                .enableWarning("all"),
                .enableWarning("extra"),
                .treatAllWarnings(as: .error),
            ]
        ),
        .target(name: "EventLog", dependencies: ["CSHA256", "SQLite"]),
        .target(name: "Audit", dependencies: ["EventLog", "SQLite"]),
        .target(name: "Interchange", dependencies: ["EventLog"]),
        .target(name: "Reports", dependencies: ["Audit", "EventLog", "SQLite"]),
        .target(name: "IronCageCLI", dependencies: ["Audit", "EventLog", "Interchange", "Reports", "SQLite"]),
        .executableTarget(name: "ironcage", dependencies: ["IronCageCLI"]),
        // Benchmarks: `swift run -c release ironcage-bench --help`. Never run by `swift test`.
        .executableTarget(name: "ironcage-bench", dependencies: ["Audit", "EventLog", "Reports", "SQLite", "IronCageCLI"]),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"]),
        .testTarget(name: "EventLogTests", dependencies: ["EventLog", "SQLite"]),
        .testTarget(name: "AuditTests", dependencies: ["Audit", "EventLog"]),
        .testTarget(name: "InterchangeTests", dependencies: ["Interchange", "EventLog"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Audit", "EventLog"]),
        .testTarget(name: "IronCageCLITests", dependencies: ["IronCageCLI", "EventLog", "SQLite", "ironcage"]),
    ]
)

// Targets written in C, which take cSettings only.
let cTargets: Set<String> = ["CSHA256"]

// Strict settings for every Swift target (after apple/swift-log's manifest).
for target in package.targets where target.type != .system && !cTargets.contains(target.name) {
    var settings = target.swiftSettings ?? []
    settings.append(.swiftLanguageMode(.v6))
    // SE-0335: existentials spelled `any`.
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    // SE-0444: a member is visible only where its module is imported.
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    // SE-0409: imports are internal unless marked public.
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    settings.append(.treatAllWarnings(as: .error))
    target.swiftSettings = settings
}
