// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "wanjia",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "wanjia", targets: ["wanjia"])
  ],
  dependencies: [
    .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
    .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
    .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
    .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
    .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
    .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
  ],
  targets: [
    .target(name: "Domain"),
    .target(name: "Analytics"),
    .target(name: "XMLEscaping"),
    .target(name: "Charts", dependencies: ["XMLEscaping"]),
    .target(name: "Spreadsheet", dependencies: ["XMLEscaping", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
    .target(name: "Tabular", dependencies: ["Spreadsheet"]),
    .target(
      name: "App",
      dependencies: [
        "Domain",
        "Analytics",
        "Charts",
        "Spreadsheet",
        "Tabular",
        .product(name: "Vapor", package: "vapor"),
        .product(name: "Fluent", package: "fluent"),
        .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
        .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
        .product(name: "Leaf", package: "leaf"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "Prometheus", package: "swift-prometheus"),
      ]
    ),
    .executableTarget(
      name: "wanjia",
      dependencies: ["App", .product(name: "Vapor", package: "vapor")]
    ),
    .testTarget(name: "DomainTests", dependencies: ["Domain"]),
    .testTarget(name: "ChartsTests", dependencies: ["Charts", "XMLEscaping"]),
    .testTarget(name: "SpreadsheetTests", dependencies: ["Spreadsheet"], resources: [.copy("Fixtures")]),
    .testTarget(name: "TabularTests", dependencies: ["Tabular", "Spreadsheet"]),
    .testTarget(name: "AnalyticsTests", dependencies: ["Analytics"], resources: [.copy("Fixtures")]),
    .testTarget(
      name: "AppTests",
      dependencies: [
        "App",
        "Spreadsheet",
        "Tabular",
        .product(name: "VaporTesting", package: "vapor"),
      ]
    ),
  ]
)
