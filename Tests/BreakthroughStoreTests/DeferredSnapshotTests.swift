import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

@testable import BreakthroughStore

/// A mirror kept a batch at a time leaves its snapshot until the last batch is in, then saves
/// the one the folds left; a ledger whose snapshot was not due saves none.
@Suite struct DeferredSnapshotTests {
  static let lines = DemoLedger.events(now: Date(timeIntervalSince1970: 1_790_000_000), zone: TimeZone(identifier: "UTC") ?? .current)
    .map { EventCoding.line(for: $0) }

  static func temporaryPath() -> String {
    Scratch.url.appendingPathComponent("deferred-\(UUID().uuidString).jsonl").path
  }

  @Test func theSnapshotWaitsForTheLastBatchThenCoversEveryLine() throws {
    let path = Self.temporaryPath()
    let mirror = try FileLedger(path: path, snapshotEvery: 5)
    mirror.defersSnapshots = true
    for start in stride(from: 0, to: Self.lines.count, by: 7) {
      let batch = Array(Self.lines[start..<min(Self.lines.count, start + 7)])
      #expect(try mirror.appendMirrored(batch, first: start + 1))
      #expect(!FileManager.default.fileExists(atPath: path + ".snapshot"), "no snapshot while deferred (after line \(start + 7))")
    }
    mirror.defersSnapshots = false
    #expect(FileManager.default.fileExists(atPath: path + ".snapshot"))
    let reopened = try FileLedger(path: path, snapshotEvery: 5)
    #expect(reopened.linesFromSnapshot == Self.lines.count, "the snapshot covers every line kept")
    #expect(reopened.state.snapshot() == mirror.state.snapshot())
  }

  @Test func noSnapshotIsSavedWhenNoneWasDue() throws {
    let path = Self.temporaryPath()
    let mirror = try FileLedger(path: path, snapshotEvery: 1_000)
    mirror.defersSnapshots = true
    #expect(try mirror.appendMirrored(Array(Self.lines.prefix(3)), first: 1))
    mirror.defersSnapshots = false
    #expect(!FileManager.default.fileExists(atPath: path + ".snapshot"))
  }

  /// A batch is folded from the bytes written, not read back: what another copy appended
  /// first is folded from the file, the lines it already had are skipped, and the state is
  /// the one a fresh open of the file folds.
  @Test func batchesFoldedAsWrittenMatchTheFile() throws {
    let path = Self.temporaryPath()
    let first = try FileLedger(path: path)
    let second = try FileLedger(path: path)
    first.defersSnapshots = true
    #expect(try first.appendMirrored(Array(Self.lines.prefix(5)), first: 1))
    #expect(try second.appendMirrored(Array(Self.lines[3..<9]), first: 4), "lines 4 and 5 are skipped, 6 to 9 written")
    let bytes = Array(Self.lines[0..<14].map { $0 + "\n" }.joined().utf8)
    #expect(try first.appendMirrored(bytes: bytes, lines: 14, first: 1, syncing: false))
    try first.syncMirrored()
    first.defersSnapshots = false
    let file = try String(contentsOfFile: path, encoding: .utf8)
    #expect(file == Self.lines[0..<14].map { $0 + "\n" }.joined(), "each line once, in order")
    let fresh = try FileLedger(path: path)
    #expect(first.lineCount == 14 && fresh.lineCount == 14)
    #expect(first.state.snapshot() == fresh.state.snapshot())
    #expect(first.takeWarnings().isEmpty)
  }
}
