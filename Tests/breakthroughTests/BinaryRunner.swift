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
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("breakthrough-e2e-\(UUID().uuidString)")
    ledger = folder.appendingPathComponent("ledger.jsonl").path
  }

  /// The binary beside the test bundle (SwiftPM builds both into the same folder).
  static let executable: URL = {
    var candidates: [URL] = []
    if let argument = CommandLine.arguments.first { candidates.append(URL(fileURLWithPath: argument).deletingLastPathComponent()) }
    candidates.append(Bundle.main.bundleURL)
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
    for folder in candidates {
      for base in [folder, folder.deletingLastPathComponent(), folder.deletingLastPathComponent().deletingLastPathComponent()] {
        let binary = base.appendingPathComponent("breakthrough")
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: binary.path, isDirectory: &isFolder), !isFolder.boolValue { return binary }
      }
    }
    return URL(fileURLWithPath: "breakthrough-binary-not-found")
  }()

  var environment: [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["BREAKTHROUGH_STORE"] = ledger
    environment["BREAKTHROUGH_USER"] = actor
    environment["TZ"] = "UTC"
    return environment
  }

  /// Runs `breakthrough ARGUMENTS` and waits for it.
  @discardableResult
  func run(_ arguments: String..., as person: String? = nil) throws -> Result {
    try run(arguments, as: person)
  }

  func run(_ arguments: [String], as person: String? = nil) throws -> Result {
    let process = Process()
    process.executableURL = Self.executable
    process.arguments = arguments
    var environment = self.environment
    if let person { environment["BREAKTHROUGH_USER"] = person }
    process.environment = environment
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                  errors: String(decoding: errorData, as: UTF8.self), rawOutput: outputData, rawErrors: errorData)
  }

  /// The ledger file's bytes (empty when it does not exist).
  var ledgerBytes: Data { FileManager.default.contents(atPath: ledger) ?? Data() }

  /// Runs a shell script with this runner's environment (and `$BT` naming the binary).
  func shell(_ script: String) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script]
    var environment = self.environment
    environment["BT"] = Self.executable.path
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return process
  }
}
