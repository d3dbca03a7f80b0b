import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

@testable import BreakthroughStore

/// The snapshot beside the ledger is only a cache: used when it matches the ledger's bytes,
/// ignored (and made again) when anything is off, and never a reason to lose a line.
@Suite struct SnapshotFileTests {
  static func ledgerWithPromises(_ count: Int) throws -> (path: String, digest: [String]) {
    let path = FileLedgerTests.temporaryLedger()
    let ledger = try FileLedger(path: path, snapshotEvery: 1_000_000)
    for number in 1...count { try FileLedgerTests.makePromise(ledger, "Promise \(number)") }
    return (path, digest(ledger.state))
  }

  static func digest(_ state: LedgerState) -> [String] {
    state.promises.readEach().map { "\($0.id) \($0.label) \($0.state.word) \($0.what) \($0.history.count)" } + [
      "events \(state.eventCount)"
    ]
  }

  /// A save killed while it wrote leaves its temporary file: the next save removes it once its
  /// writer is gone, and leaves a living writer's and every other file alone.
  @Test func aSaveRemovesTheTemporaryFilesOfWritersThatAreGone() throws {
    let path = FileLedgerTests.temporaryLedger()
    let folder = (path as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    // A process that has ended (and been waited for): its number names no one now.
    let ended = try Spawn.start("/bin/true", [], environment: [:])
    _ = ended.wait()
    let gone = ended.pid
    let abandoned = SnapshotFile.path(for: path) + ".\(gone).tmp"
    let living = SnapshotFile.path(for: path) + ".\(getppid()).tmp"
    let other = folder + "/notes.\(gone).tmp"
    // Written a moment ago by a number gone here: a writer this process cannot see (another
    // namespace, another machine) may still be at it.
    let recent = SnapshotFile.path(for: path) + ".\(gone + 1_000_000).tmp"
    for file in [abandoned, living, other, recent] { #expect(FileManager.default.createFile(atPath: file, contents: Data(count: 64))) }
    let anHourAgo = Date(timeIntervalSinceNow: -3_600)
    for file in [abandoned, living, other] {
      try FileManager.default.setAttributes([.modificationDate: anHourAgo], ofItemAtPath: file)
    }
    SnapshotFile.removeAbandoned(beside: path)
    #expect(!FileManager.default.fileExists(atPath: abandoned))
    #expect(FileManager.default.fileExists(atPath: living) && FileManager.default.fileExists(atPath: other))
    #expect(FileManager.default.fileExists(atPath: recent))
  }

  @Test func aLongLedgerOpensFromItsSnapshotAndFoldsOnlyWhatFollows() throws {
    let (path, full) = try Self.ledgerWithPromises(30)
    let first = try FileLedger(path: path, snapshotEvery: 20)
    #expect(first.linesFromSnapshot == 0)
    #expect(FileManager.default.fileExists(atPath: path + ".snapshot"), "folding 30 lines made a snapshot")
    let second = try FileLedger(path: path, snapshotEvery: 20)
    #expect(second.linesFromSnapshot == 30)
    #expect(Self.digest(second.state) == full)
    try FileLedgerTests.makePromise(second, "After the snapshot")
    let third = try FileLedger(path: path, snapshotEvery: 20)
    #expect(third.linesFromSnapshot == 30)
    #expect(third.state.promises.readEach().last?.what == "After the snapshot")
    #expect(third.state.nextNumber == 32)
  }

  @Test func historiesAreReadFromTheSnapshotOpenedEvenWhenTheFileIsReplacedOrCut() throws {
    let (path, _) = try Self.ledgerWithPromises(30)
    _ = try FileLedger(path: path, snapshotEvery: 20)
    let opened = try FileLedger(path: path, snapshotEvery: 20)
    #expect(opened.linesFromSnapshot == 30)
    // Another process's snapshot replaces the file (by rename): this one keeps reading the one it opened.
    try FileManager.default.removeItem(atPath: path + ".snapshot")
    try Data("not a snapshot".utf8).write(to: URL(fileURLWithPath: path + ".snapshot"))
    #expect(opened.state.promises.promise(at: 4).history.map(\.summary) == ["made"])
    // A file cut under an open ledger gives a past that says so, never a crash.
    let cut = try FileLedger(path: path, snapshotEvery: 20)
    #expect(cut.linesFromSnapshot == 0, "the damaged snapshot was not used")
    let fresh = try FileLedger(path: path, snapshotEvery: 20)
    #expect(fresh.linesFromSnapshot == 30)
    #expect(truncate(path + ".snapshot", 100) == 0)
    #expect(fresh.state.promises.promise(at: 4).history.first?.summary.contains("history unreadable") == true)
    #expect(fresh.state.promises.promise(at: 4).what == "Promise 5", "what was decoded on opening stays")
  }

  @Test func linesLeftOutBeforeTheSnapshotAreStillNamedWhenOpeningFromIt() throws {
    let path = FileLedgerTests.temporaryLedger()
    let ledger = try FileLedger(path: path, snapshotEvery: 1_000_000)
    try FileLedgerTests.makePromise(ledger, "First")
    let lines = String(decoding: FileLedgerTests.bytes(path), as: UTF8.self)
    let future = "{\"v\":2,\"id\":\"f1\",\"at\":\"2026-11-26T10:00:00.000Z\",\"actor\":\"ana\",\"kind\":\"promise.split\"}\n"
    // Line 2 from a newer version, line 3 the first line again (the same promise made twice).
    try Data((lines + future + lines).utf8).write(to: URL(fileURLWithPath: path))
    let writer = try FileLedger(path: path, snapshotEvery: 1_000_000)
    for number in 1...30 { try FileLedgerTests.makePromise(writer, "Promise \(number)") }
    let folded = try FileLedger(path: path, snapshotEvery: 20)
    let fromTheTop = folded.takeWarnings()
    #expect(folded.linesFromSnapshot == 0)
    #expect(fromTheTop.contains { $0.contains(":2: event kind \"promise.split\" is from a newer version") })
    #expect(
      folded.state.leftOut.map(\.reason) == [
        "ana may not make P1: the ledger already has a promise with the id \(folded.state.promises.promise(at: 0).id)"
      ])
    let reopened = try FileLedger(path: path, snapshotEvery: 20)
    #expect(reopened.linesFromSnapshot == 33, "opened from the snapshot the first open wrote")
    #expect(reopened.takeWarnings() == fromTheTop)
    #expect(reopened.state.leftOut == folded.state.leftOut)
  }

  @Test func aLedgerEditedUnderTheSnapshotIsFoldedAgain() throws {
    let (path, _) = try Self.ledgerWithPromises(30)
    _ = try FileLedger(path: path, snapshotEvery: 20)
    var text = try String(contentsOfFile: path, encoding: .utf8)
    text = text.replacingOccurrences(of: "\"Promise 7\"", with: "\"Promise X\"")
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    let reopened = try FileLedger(path: path, snapshotEvery: 1_000_000)
    #expect(reopened.linesFromSnapshot == 0, "the same size, other bytes: the snapshot is not used")
    #expect(reopened.state.promises.readEach().contains { $0.what == "Promise X" })
  }

  @Test func aDamagedOrStrangeSnapshotIsIgnored() throws {
    let (path, full) = try Self.ledgerWithPromises(30)
    _ = try FileLedger(path: path, snapshotEvery: 20)
    let snapshot = try #require(FileManager.default.contents(atPath: path + ".snapshot"))
    var generator = SeededGenerator(seed: 5)
    for round in 0..<40 {
      var bytes = [UInt8](snapshot)
      switch round % 4 {
      case 0: bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^= 0x5A
      case 1: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
      case 2: bytes += [1, 2, 3]
      default: bytes = (0..<Int.random(in: 0...200, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
      }
      FileManager.default.createFile(atPath: path + ".snapshot", contents: Data(bytes))
      let reopened = try FileLedger(path: path, snapshotEvery: 1_000_000)
      #expect(reopened.linesFromSnapshot == 0, "round \(round): a damaged snapshot is not used")
      #expect(Self.digest(reopened.state) == full, "round \(round): the ledger is folded whole instead")
    }
  }

  @Test func aShorterLedgerThanTheSnapshotIsFoldedAgain() throws {
    let (path, _) = try Self.ledgerWithPromises(30)
    _ = try FileLedger(path: path, snapshotEvery: 20)
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    try (lines.prefix(10).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    let reopened = try FileLedger(path: path, snapshotEvery: 1_000_000)
    #expect(reopened.linesFromSnapshot == 0)
    #expect(reopened.state.promises.count == 10)
  }
}
