import BreakthroughTestSupport
import Foundation
import Testing

/// Which zone a ledger file's days are read in: the ledger's, else the config file's, else the
/// machine's; `zone` says which and why.
@Suite struct ZoneCommandTests {
  /// Runs `breakthrough ARGUMENTS` on `cli`'s ledger with a config file holding `config`.
  static func run(_ arguments: [String], _ cli: BinaryRunner, config: String?) throws -> BinaryRunner.Result {
    var environment = cli.environment
    let folder = Scratch.directory + "zone-config-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder + "/breakthrough", withIntermediateDirectories: true)
    if let config { try config.write(toFile: folder + "/breakthrough/config.toml", atomically: true, encoding: .utf8) }
    environment["XDG_CONFIG_HOME"] = folder
    let finished = try Spawn.run(BinaryRunner.executable.path, arguments, environment: environment)
    return BinaryRunner.Result(
      status: finished.status, output: String(decoding: finished.output, as: UTF8.self),
      errors: String(decoding: finished.errors, as: UTF8.self), rawOutput: finished.output, rawErrors: finished.errors)
  }

  @Test func theLedgerFirstThenTheConfigThenTheMachine() throws {
    let cli = BinaryRunner()
    #expect(try cli.run("promise", "Draft the guide", "--to", "ben", "--by", "+3d").status == 0)
    let machine = try Self.run(["zone"], cli, config: nil)
    #expect(machine.output.contains("this machine's: the ledger names none"), "\(machine.output)")
    let configured = try Self.run(["zone"], cli, config: "zone = \"Asia/Tokyo\"\n")
    #expect(configured.output.hasPrefix("Asia/Tokyo (from the config file); this machine is in "), "\(configured.output)")
    let weekly = try Self.run(["stats", "--weekly", "--format", "json"], cli, config: "zone = \"Asia/Tokyo\"\n")
    #expect(weekly.output.contains("\"zone\": \"Asia/Tokyo\""), "\(weekly.output)")

    let wrong = try Self.run(["list"], cli, config: "zone = \"Atlantis/Capital\"\n")
    #expect(wrong.status == 0, "a wrong setting does not stop anyone")
    #expect(wrong.errors.contains("zone = \"Atlantis/Capital\" in the config file is not a time zone"), "\(wrong.errors)")

    #expect(try cli.run("zone", "set", "Europe/Berlin").status == 0)
    let set = try Self.run(["zone"], cli, config: "zone = \"Asia/Tokyo\"\n")
    #expect(set.output.hasPrefix("Europe/Berlin (set in the ledger)"), "the ledger's clock wins: \(set.output)")
  }
}
