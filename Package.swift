// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "Breakthrough",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "breakthrough", targets: ["breakthrough"]),
    .library(name: "BreakthroughCore", targets: ["BreakthroughCore"]),
    .library(name: "BreakthroughStore", targets: ["BreakthroughStore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
  ],
  targets: [
    .target(name: "BreakthroughCore"),
    .target(name: "BreakthroughStore", dependencies: ["BreakthroughCore"]),
    .executableTarget(
      name: "breakthrough",
      dependencies: [
        "BreakthroughCore",
        "BreakthroughStore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "BreakthroughCoreTests", dependencies: ["BreakthroughCore"]),
    .testTarget(name: "BreakthroughStoreTests", dependencies: ["BreakthroughStore"]),
    .testTarget(name: "breakthroughTests", dependencies: ["breakthrough", "BreakthroughCore"]),
  ]
)
