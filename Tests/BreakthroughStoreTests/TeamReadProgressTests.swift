import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

@testable import BreakthroughStore

/// A long first read says how far it has got, a batch at a time, against how many rows there
/// are; an open with little to read says nothing until it is done, and a copy already up to
/// date nothing at all.
@Suite(.needs(.postgreSQL))
struct TeamReadProgressTests {
  @Test func aLongFirstReadSaysHowFarItHasGot() throws {
    let events = TeamLedger.batch + 123
    let folder = Scratch.directory + "progress-\(UUID().uuidString)"
    let path = folder + "/ledger.jsonl"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let ana = try Handle("ana")
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let text = (0..<events).map { number in
      EventCoding.line(
        for: Event(id: "meeting-\(number)", at: start.addingTimeInterval(Double(number)), actor: ana, body: .meetingHeld(note: nil)))
        + "\n"
    }.joined()
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let store = try StoreUnderTest(.team)
    let administration = try TeamAdministration(try #require(TeamLocation(try TeamLedgerTests.server().url(store.name, user: "owner"))))
    _ = try administration.importLedger(from: path)
    let location = try #require(TeamLocation(try TeamLedgerTests.server().url(store.name, user: "ben")))
    let mirrors = Scratch.directory + "mirror-\(UUID().uuidString)"

    var said: [[Int]] = []
    let ledger = try TeamLedger(location, mirrorFolder: mirrors, progress: { read, total in said.append([read, total]) })
    #expect(ledger.state.eventCount == events)
    #expect(said == [[TeamLedger.batch, events], [events, events]])

    // Another machine up to date reads nothing, and says nothing.
    said = []
    _ = try TeamLedger(location, mirrorFolder: mirrors, progress: { read, total in said.append([read, total]) })
    #expect(said.isEmpty)
    // A few rows behind: the end alone.
    try store.open(as: "cy").append(.recordMeeting(note: nil), context: try StoreUnderTest.context("cy"))
    _ = try TeamLedger(location, mirrorFolder: mirrors, progress: { read, total in said.append([read, total]) })
    #expect(said == [[1, 1]])
  }
}
