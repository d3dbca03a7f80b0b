import BreakthroughTestSupport
import Foundation
import Testing

/// A new ledger's entry in its folder is made durable, not only the file's bytes: under
/// `strace`, the folder is opened and synced after the ledger file is created and before the
/// command reports the promise made.
@Suite(.needs(.strace)) struct FolderSyncTests {
  @Test func theFolderIsSyncedAfterTheLedgerIsCreated() throws {
    let cli = BinaryRunner()
    let trace = cli.ledger + ".strace"
    try FileManager.default.createDirectory(
      atPath: (cli.ledger as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    let run = try Spawn.run(
      try Prerequisite.strace.located(),
      [
        "-f", "-e", "trace=openat,open,fsync,write", "-o", trace, BinaryRunner.executable.path, "promise", "Call Acme", "--to", "ben",
        "--by", "+2d",
      ],
      environment: cli.environment)
    #expect(run.status == 0, "\(String(decoding: run.errors, as: UTF8.self))")
    let lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").map(String.init)
    /// The line that ends the call begun on line `index`: strace cuts a call in two
    /// ("<unfinished ...>", then "<... fsync resumed>") when another thread makes a call meanwhile.
    func ending(_ index: Int) -> String {
      guard lines[index].hasSuffix("<unfinished ...>"), let pid = lines[index].split(separator: " ").first else { return lines[index] }
      return lines[(index + 1)...].first { $0.hasPrefix(pid + " ") && $0.contains(" resumed>") } ?? lines[index]
    }
    let folder = (cli.ledger as NSString).deletingLastPathComponent
    guard let created = lines.firstIndex(where: { $0.contains("\"\(cli.ledger)\"") && $0.contains("O_CREAT") }) else {
      Issue.record("the ledger was not created with O_CREAT:\n\(lines.joined(separator: "\n"))")
      return
    }
    guard let openedFolder = lines[created...].firstIndex(where: { $0.contains("\"\(folder)\"") && $0.contains("O_DIRECTORY") }),
      let descriptor = ending(openedFolder).split(separator: "=").last?.trimmingCharacters(in: .whitespaces)
    else {
      Issue.record("the folder was not opened after the ledger was created")
      return
    }
    let synced = lines.indices.first { index in
      let call = lines[index]
      return index >= openedFolder && (call.contains("fsync(\(descriptor))") || call.contains("fsync(\(descriptor) <unfinished"))
        && ending(index).hasSuffix("= 0")
    }
    let printed = lines.lastIndex { $0.contains("write(1,") && $0.contains("P1") }
    #expect(synced != nil, "the folder's descriptor \(descriptor) is synced")
    if let synced, let printed { #expect(synced < printed, "synced before P1 is reported") }
  }
}
