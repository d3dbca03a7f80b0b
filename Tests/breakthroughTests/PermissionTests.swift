import BreakthroughTestSupport
import Foundation
import Testing

/// Files the ledger may not touch: a clear message, a non-zero exit, no crash, nothing changed.
/// Root may write anything, so as root the commands run as `nobody` (setpriv).
@Suite struct PermissionTests {
  /// Runs the binary as an unprivileged user.
  static func runUnprivileged(_ cli: BinaryRunner, _ arguments: [String]) throws -> (status: Int32, errors: String, output: String) {
    let prefix = getuid() == 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
    let command = prefix + [BinaryRunner.executable.path] + arguments
    let finished = try Spawn.run(command[0], Array(command.dropFirst()), environment: cli.environment)
    return (finished.status, String(decoding: finished.errors, as: UTF8.self), String(decoding: finished.output, as: UTF8.self))
  }

  static func folder(of cli: BinaryRunner, mode: Int) throws -> String {
    let folder = (cli.ledger as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    chmod(folder, mode_t(mode))
    return folder
  }

  @Test func aLedgerThatIsReadOnly() throws {
    let cli = BinaryRunner()
    #expect(try cli.run("promise", "Draft the guide", "--to", "ben", "--by", "+3d").status == 0)
    _ = try Self.folder(of: cli, mode: 0o755)
    chmod(cli.ledger, 0o644)
    let before = cli.ledgerBytes
    let refused = try Self.runUnprivileged(cli, ["promise", "Another", "--to", "ben", "--by", "+3d"])
    #expect(refused.status == 1)
    #expect(
      refused.errors.contains(
        "cannot write \(cli.ledger): Permission denied; check the permissions (ls -l) or name another file with --store"))
    #expect(cli.ledgerBytes == before)
    let listed = try Self.runUnprivileged(cli, ["list"])
    #expect(listed.status == 0, "reading still works: \(listed.errors)")
    #expect(listed.output.contains("Draft the guide"))
  }

  @Test func aLedgerThatCannotBeRead() throws {
    let cli = BinaryRunner()
    #expect(try cli.run("promise", "Draft the guide", "--to", "ben", "--by", "+3d").status == 0)
    _ = try Self.folder(of: cli, mode: 0o755)
    chmod(cli.ledger, 0o600)
    let refused = try Self.runUnprivileged(cli, ["list"])
    #expect(refused.status == 1)
    #expect(refused.errors.contains("cannot read \(cli.ledger): Permission denied; check the permissions"))
  }

  @Test func aFolderThatCannotBeWritten() throws {
    let cli = BinaryRunner()
    let folder = try Self.folder(of: cli, mode: 0o555)
    let refused = try Self.runUnprivileged(cli, ["promise", "Draft the guide", "--to", "ben", "--by", "+3d"])
    #expect(refused.status == 1)
    #expect(refused.errors.contains("Permission denied; check the permissions"), "\(refused.errors)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "nothing was created")
    let deeper = try Self.runUnprivileged(
      cli,
      [
        "promise", "Draft the guide", "--to", "ben", "--by", "+3d",
        "--store", folder + "/sub/ledger.jsonl",
      ])
    #expect(deeper.status == 1)
    #expect(deeper.errors.contains("cannot create the folder \(folder)/sub: Permission denied; check the permissions"))
  }

  @Test func aLedgerPathThatIsAFolder() throws {
    let cli = BinaryRunner()
    let folder = try Self.folder(of: cli, mode: 0o700)
    for arguments in [["list"], ["promise", "Draft the guide", "--to", "ben", "--by", "+3d"]] {
      let refused = try cli.run(arguments + ["--store", folder])
      #expect(refused.status == 1)
      #expect(refused.errors.contains("\(folder) is not a regular file (a folder?): name the ledger file itself with --store"))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
  }
}
