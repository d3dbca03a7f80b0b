import BreakthroughCore
import BreakthroughStore
import Foundation
import Testing

/// `entries(after:)`: what a feed reads each time the ledger grows, numbered as in the file.
@Suite struct EntriesAfterTests {
  @Test("the lines after a given one, with their numbers; an unreadable line is still a line")
  func linesAfter() throws {
    let path = FileLedgerTests.temporaryLedger()
    let ledger = try FileLedger(path: path)
    for what in ["First", "Second", "Third"] { try FileLedgerTests.makePromise(ledger, what) }
    let file = try #require(FileHandle(forWritingAtPath: path))
    try file.seekToEnd()
    try file.write(contentsOf: Data("{not json\n".utf8))
    try file.close()
    let store: LedgerStore = ledger
    #expect(try store.entries().map(\.number) == [1, 2, 3, 4])
    let after = try store.entries(after: 2)
    #expect(after.map(\.number) == [3, 4])
    guard case .event(let third) = after[0].content, case .made(let terms, _) = third.body else {
      Issue.record("line 3 is the third promise made")
      return
    }
    #expect(terms.what == "Third")
    guard case .unreadable = after[1].content else {
      Issue.record("line 4 is the damaged line")
      return
    }
    #expect(try store.entries(after: 4).isEmpty)
    #expect(try store.entries(after: 9).isEmpty)
  }
}
