import BreakthroughTestSupport
import Foundation
import Testing

/// Runs the built `breakthrough` binary as a person would, on a ledger of the test's own.
struct BinaryRunner {
  struct Result {
    let status: Int32
    let output: String
    let errors: String
    let rawOutput: Data
    let rawErrors: Data
  }

  let ledger: String
  var actor = "ana"

  init() {
    let folder = Scratch.url.appendingPathComponent("breakthrough-e2e-\(UUID().uuidString)")
    ledger = folder.appendingPathComponent("ledger.jsonl").path
  }

  /// The binary beside the test bundle (SwiftPM builds both into the same folder).
  static let executable = product("breakthrough")

  /// The benchmark and stress driver, built beside the binary.
  static let bench = product("breakthrough-bench")

  static func product(_ name: String) -> URL {
    var candidates: [URL] = []
    if let argument = CommandLine.arguments.first { candidates.append(URL(fileURLWithPath: argument).deletingLastPathComponent()) }
    candidates.append(Bundle.main.bundleURL)
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
    for folder in candidates {
      for base in [folder, folder.deletingLastPathComponent(), folder.deletingLastPathComponent().deletingLastPathComponent()] {
        let binary = base.appendingPathComponent(name)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: binary.path, isDirectory: &isFolder), !isFolder.boolValue { return binary }
      }
    }
    return URL(fileURLWithPath: "\(name)-binary-not-found")
  }

  var environment: [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["BREAKTHROUGH_STORE"] = ledger
    environment["BREAKTHROUGH_USER"] = actor
    environment["TZ"] = "UTC"
    // Printed arrows follow the locale: the tests read them in UTF-8.
    environment["LANG"] = "C.UTF-8"
    environment["LC_ALL"] = nil
    environment["LC_CTYPE"] = nil
    return environment
  }

  /// Runs `breakthrough ARGUMENTS` and waits for it.
  @discardableResult
  func run(_ arguments: String..., as person: String? = nil) throws -> Result {
    try run(arguments, as: person)
  }

  func run(_ arguments: [String], as person: String? = nil) throws -> Result {
    var environment = self.environment
    if let person { environment["BREAKTHROUGH_USER"] = person }
    let finished = try Spawn.run(Self.executable.path, arguments, environment: environment)
    return Result(
      status: finished.status, output: String(decoding: finished.output, as: UTF8.self),
      errors: String(decoding: finished.errors, as: UTF8.self), rawOutput: finished.output, rawErrors: finished.errors)
  }

  /// The ledger file's bytes (empty when it does not exist).
  var ledgerBytes: Data { FileManager.default.contents(atPath: ledger) ?? Data() }

  /// Starts a shell script with this runner's environment (and `$BT` naming the binary).
  func shell(_ script: String) throws -> Spawn.Running {
    var environment = self.environment
    environment["BT"] = Self.executable.path
    return try Spawn.start("/bin/sh", ["-c", script], environment: environment)
  }
}
