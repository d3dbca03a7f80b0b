// swift-tools-version: 6.0
import PackageDescription

/// What both executables stand on: the product's modules and the argument parser.
let executableDependencies: [Target.Dependency] = [
  "BreakthroughCore",
  "BreakthroughStore",
  "BreakthroughUI",
  "BreakthroughInterchange",
  "TerminalKit",
  .product(name: "ArgumentParser", package: "swift-argument-parser"),
]

/// Release builds optimise across modules: the screens and commands read promises from the
/// core module in loops over the whole ledger, and an opaque call there copies the promise
/// (without it, at 100,000 promises: a filter key 50 ms instead of 8, the first frame 80
/// instead of 35). It is an unsafe flag, which SwiftPM refuses in a package depended on by
/// version: so the package offers its executables only, no library products.
let crossModule: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

/// Release executables on Linux are linked at a fixed address: a position-independent one had
/// 81,000 relocations for the loader to write into the binary's data at every start (1.5 ms
/// of a 15 ms `list`, most of it copying the pages written), none of which a fixed address
/// needs. The shared libraries, the heap and the stack are still placed at random.
let fixedAddress: [LinkerSetting] = [.unsafeFlags(["-Xlinker", "-no-pie"], .when(platforms: [.linux], configuration: .release))]

let package = Package(
  name: "Breakthrough",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "breakthrough", targets: ["breakthrough"]),
    .executable(name: "breakthrough-bench", targets: ["breakthrough-bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
  ],
  targets: [
    // Text as a terminal shows it: control characters escaped, display widths. A leaf, so that
    // the terminal kit needs nothing of the domain.
    .target(name: "TextKit", swiftSettings: crossModule),
    .target(name: "BreakthroughCore", dependencies: ["TextKit"], swiftSettings: crossModule),
    // PostgreSQL's client library for the team ledger: declared by Debian's libpq-dev, opened
    // (libpq.so.5) only when a team ledger is, so that no other command pays for loading it.
    .target(name: "CLibpq"),
    .target(name: "BreakthroughStore", dependencies: ["BreakthroughCore", "CLibpq"], swiftSettings: crossModule),
    // A regular C target rather than a bare system library: SwiftPM rebuilds it when its header
    // changes, and the header must define the wide-character switches before <curses.h>.
    .target(name: "CNcursesw", linkerSettings: [.linkedLibrary("ncursesw")]),
    // The C library's allocator settings, which Swift's Glibc module does not declare: what a
    // screen's process keeps of the memory it frees (`ScreenMemory`, set by the executables).
    .target(name: "CMalloc"),
    .target(
      name: "TerminalKit",
      dependencies: ["CNcursesw", "CMalloc", "TextKit", .product(name: "TOMLKit", package: "TOMLKit")],
      swiftSettings: crossModule
    ),
    // Promises in and out of other tools' formats: iCalendar, CSV, meeting minutes, Taskwarrior.
    .target(name: "BreakthroughInterchange", dependencies: ["BreakthroughCore"], swiftSettings: crossModule),
    .target(
      name: "BreakthroughUI", dependencies: ["TerminalKit", "BreakthroughStore", "BreakthroughCore"], swiftSettings: crossModule),
    .executableTarget(
      name: "breakthrough",
      dependencies: executableDependencies,
      swiftSettings: crossModule,
      linkerSettings: fixedAddress
    ),
    .executableTarget(
      name: "breakthrough-bench",
      dependencies: executableDependencies,
      swiftSettings: crossModule,
      linkerSettings: fixedAddress
    ),
    .testTarget(name: "BreakthroughCoreTests", dependencies: ["BreakthroughCore", "BreakthroughTestSupport"]),
    // What the tests share: a ledger built in memory, handles, a sample of every move, golden
    // files, a throwaway PostgreSQL server of their own, independent readers.
    .target(name: "BreakthroughTestSupport", dependencies: ["BreakthroughCore"], path: "Tests/BreakthroughTestSupport"),
    .testTarget(
      name: "BreakthroughInterchangeTests", dependencies: ["BreakthroughInterchange", "BreakthroughTestSupport"], exclude: ["Golden"]),
    .testTarget(name: "BreakthroughStoreTests", dependencies: ["BreakthroughStore", "BreakthroughTestSupport"]),
    .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit", "TextKit"]),
    .testTarget(
      name: "BreakthroughUITests", dependencies: ["BreakthroughUI", "TerminalKit", "BreakthroughStore", "BreakthroughTestSupport"],
      exclude: ["Golden"]),
    .testTarget(
      name: "breakthroughTests", dependencies: ["breakthrough", "breakthrough-bench", "BreakthroughCore", "BreakthroughTestSupport"]),
  ]
)
