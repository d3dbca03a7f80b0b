import BreakthroughCore
import Foundation
import Testing

@testable import BreakthroughStore

/// The stamp beside the ledger spares an open the hash of bytes nothing has written to since
/// the last open hashed them; it never vouches for a ledger written to since.
@Suite struct LedgerStampTests {
  /// A clock three seconds past the ledgers' last writes, beyond the two seconds of stillness
  /// the coarsest file system asks for: opens that read it may stamp what they hashed.
  static let later: @Sendable () -> Date = { Date().addingTimeInterval(3) }

  static func stampExists(_ path: String) -> Bool {
    FileManager.default.fileExists(atPath: LedgerStamp.path(for: path))
  }

  @Test func anUnchangedLedgerOpensOnItsStampAndAWrittenOneIsHashedAgain() throws {
    let (path, full) = try SnapshotFileTests.ledgerWithPromises(30)
    let folded = try FileLedger(path: path, clock: Self.later, snapshotEvery: 20)
    #expect(folded.linesFromSnapshot == 0)
    #expect(Self.stampExists(path), "the fold read every byte the snapshot covers, and stamped them")
    let opened = try FileLedger(path: path, clock: Self.later, snapshotEvery: 20)
    #expect(opened.linesFromSnapshot == 30)
    #expect(opened.openedOnStamp)
    #expect(SnapshotFileTests.digest(opened.state) == full)
    try FileLedgerTests.makePromise(opened, "Written after the stamp")
    let reopened = try FileLedger(path: path, clock: Self.later, snapshotEvery: 1_000_000)
    #expect(!reopened.openedOnStamp, "a ledger written to since is hashed")
    #expect(reopened.linesFromSnapshot == 30)
    #expect(reopened.state.promises.readEach().last?.what == "Written after the stamp")
  }

  @Test func aLedgerWrittenJustNowIsNotStamped() throws {
    let (path, _) = try SnapshotFileTests.ledgerWithPromises(30)
    // The moment of the last write, for however long the opens below take.
    let writtenAt = Date()
    _ = try FileLedger(path: path, clock: { writtenAt }, snapshotEvery: 20)
    let opened = try FileLedger(path: path, clock: { writtenAt }, snapshotEvery: 20)
    #expect(opened.linesFromSnapshot == 30)
    #expect(!opened.openedOnStamp)
    #expect(!Self.stampExists(path), "two writes within one tick of the clock could leave the same times")
  }

  @Test func aLedgerEditedInPlaceIsHashedAndFoldedAgainDespiteItsStamp() throws {
    let (path, _) = try SnapshotFileTests.ledgerWithPromises(30)
    _ = try FileLedger(path: path, clock: Self.later, snapshotEvery: 20)
    #expect(Self.stampExists(path))
    // The same size, other bytes, written into the file as it is (not a new file renamed).
    let bytes = FileLedgerTests.bytes(path)
    let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\"Promise 7\"", with: "\"Promise X\"")
    #expect(text.utf8.count == bytes.count)
    let handle = try #require(FileHandle(forUpdatingAtPath: path))
    try handle.seek(toOffset: 0)
    try handle.write(contentsOf: Data(text.utf8))
    try handle.close()
    let reopened = try FileLedger(path: path, clock: Self.later, snapshotEvery: 1_000_000)
    #expect(!reopened.openedOnStamp)
    #expect(reopened.linesFromSnapshot == 0, "its bytes differ from the snapshot's: folded from the top")
    #expect(reopened.state.promises.readEach().contains { $0.what == "Promise X" })
  }

  @Test func anUnchangedSnapshotOpensOnTheStampAndOneEditedInPlaceIsHashedAndSetAside() throws {
    let (path, full) = try SnapshotFileTests.ledgerWithPromises(30)
    _ = try FileLedger(path: path, clock: Self.later, snapshotEvery: 20)
    let hashed = try FileLedger(path: path, clock: Self.later, snapshotEvery: 1_000_000)
    #expect(hashed.linesFromSnapshot == 30)
    #expect(!hashed.snapshotOnStamp, "a snapshot written by the open before is hashed once")
    let vouched = try FileLedger(path: path, clock: Self.later, snapshotEvery: 1_000_000)
    #expect(vouched.snapshotOnStamp && vouched.openedOnStamp)
    #expect(SnapshotFileTests.digest(vouched.state) == full)
    // A byte of the payload flipped where it lies: the same size, its times changed.
    let snapshotPath = SnapshotFile.path(for: path)
    var bytes = [UInt8](try #require(FileManager.default.contents(atPath: snapshotPath)))
    bytes[SnapshotFile.magic.count + 40] ^= 0x20
    let handle = try #require(FileHandle(forUpdatingAtPath: snapshotPath))
    try handle.write(contentsOf: Data(bytes))
    try handle.close()
    let reopened = try FileLedger(path: path, clock: Self.later, snapshotEvery: 1_000_000)
    #expect(!reopened.snapshotOnStamp)
    #expect(reopened.linesFromSnapshot == 0, "its checksum no longer matches: folded from the ledger")
    #expect(SnapshotFileTests.digest(reopened.state) == full)
  }

  @Test func aDamagedStampIsIgnoredAndMadeAgain() throws {
    let (path, full) = try SnapshotFileTests.ledgerWithPromises(30)
    _ = try FileLedger(path: path, clock: Self.later, snapshotEvery: 20)
    let stamp = try #require(FileManager.default.contents(atPath: LedgerStamp.path(for: path)))
    var generator = SeededGenerator(seed: 11)
    for round in 0..<24 {
      var bytes = [UInt8](stamp)
      switch round % 3 {
      case 0: bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
      case 1: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
      default: bytes = (0..<bytes.count).map { _ in UInt8.random(in: 0...255, using: &generator) }
      }
      FileManager.default.createFile(atPath: LedgerStamp.path(for: path), contents: Data(bytes))
      let reopened = try FileLedger(path: path, clock: Self.later, snapshotEvery: 1_000_000)
      #expect(!reopened.openedOnStamp, "round \(round)")
      #expect(reopened.linesFromSnapshot == 30, "the snapshot is still used, once the ledger is hashed")
      #expect(SnapshotFileTests.digest(reopened.state) == full)
      #expect(try FileLedger(path: path, clock: Self.later, snapshotEvery: 1_000_000).openedOnStamp, "the hash made a sound stamp again")
    }
  }

  @Test func aFileSystemThatKeepsWholeSecondsWaitsTwoOfThem() {
    #expect(LedgerStamp.stillness(changed: 0, modified: 0) == 2)
    #expect(LedgerStamp.stillness(changed: 412_000_000, modified: 0) < 1)
    #expect(LedgerStamp.stillness(changed: 0, modified: 7) < 1)
  }

  @Test func aHashKeptAsWordsCarriesOnAsIfNeverStopped() throws {
    var generator = SeededGenerator(seed: 3)
    for _ in 0..<300 {
      let bytes = (0..<Int.random(in: 0...300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
      let cut = Int.random(in: 0...bytes.count, using: &generator)
      var whole = StreamHash()
      bytes.withUnsafeBufferPointer { whole.add($0) }
      var first = StreamHash()
      bytes.withUnsafeBufferPointer { first.add(UnsafeBufferPointer(rebasing: $0[0..<cut])) }
      var resumed = try #require(StreamHash(words: first.words))
      #expect(resumed == first)
      bytes.withUnsafeBufferPointer { resumed.add(UnsafeBufferPointer(rebasing: $0[cut...])) }
      #expect(resumed == whole)
    }
    #expect(StreamHash(words: [1, 2, 3]) == nil)
    #expect(StreamHash(words: [0, 0, 0, 0, 5, 4, 0, 0, 0, 0]) == nil, "an unfinished step that does not fit the length")
  }
}
