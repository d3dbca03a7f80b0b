import BreakthroughCore
import BreakthroughStore
import BreakthroughTestSupport
import Foundation
import Testing

/// A command about to write opens the team ledger with its write: until then its state is this
/// machine's copy, and the write still finds what others wrote, numbers gaplessly, and records
/// nothing on a ledger that is not the one this machine verified.
@Suite(.needs(.postgreSQL))
struct TeamWriteOpeningTests {
  @Test func aWriteThatOpensTheLedgerFoldsWhatOthersWroteFirst() throws {
    let (store, location, mirrors) = try Self.ledgerReadByAna()
    let ben = try store.open(as: "ben")
    try ben.append(.make(what: "Two", to: try Handle("cy"), by: StoreUnderTest.due()), context: try StoreUnderTest.context("ben"))

    let writer = try TeamLedger(location, mirrorFolder: mirrors, forWriting: true)
    #expect(writer.state.promises.count == 1, "nothing asked of the server before the write")
    let outcome = try writer.append(
      .make(what: "Three", to: try Handle("ben"), by: StoreUnderTest.due()), context: try StoreUnderTest.context())
    #expect(outcome.summary.contains("P3"), "judged again after ben's P2: \(outcome.summary)")
    #expect(writer.state.promises.readEach().map(\.what) == ["One", "Two", "Three"])
    #expect(writer.takeWarnings().isEmpty)

    let rows = try TestPostgres.shared.get().psql(
      "select string_agg(seq || ':' || coalesce(label, ''), ',' order by seq) from events", database: store.name)
    #expect(rows == "1:P1,2:P2,3:P3", "one write each, no gap")
    // The chain this machine verified takes the write: the next open finds the copy as it was.
    let again = try TeamLedger(location, mirrorFolder: mirrors)
    #expect(again.takeWarnings().isEmpty && again.connectionNote == nil)
    #expect(again.chainHead?.hasPrefix("event 3 ·") == true)
  }

  @Test func aLedgerNotAsThisMachineVerifiedGetsNothingUntilItIsOpened() throws {
    let (store, location, mirrors) = try Self.ledgerReadByAna()
    let server = try TestPostgres.shared.get()
    try server.psql("update breakthrough_meta set value = '99' where key = 'schema_version'", database: store.name, user: "owner")
    let refused = TeamLedgerTests.message {
      try TeamLedger(location, mirrorFolder: mirrors, forWriting: true).append(
        .make(what: "Too new", to: try Handle("ben"), by: StoreUnderTest.due()), context: try StoreUnderTest.context())
    }
    #expect(refused.contains("has schema version 99, newer than this breakthrough understands"), "\(refused)")
    #expect(try server.psql("select count(*) from events", database: store.name) == "1", "the check ran before the write, which did not")
  }

  @Test func aServerThatLostEventsThisMachineReadIsNamedBeforeTheWrite() throws {
    let (store, location, mirrors) = try Self.ledgerReadByAna()
    let server = try TestPostgres.shared.get()
    // Restored from an older backup: the same name holds another ledger, of other events.
    try server.psql("alter database \(store.name) rename to \(store.name)_old")
    try server.psql("create database \(store.name) owner owner")
    let administration = try TeamAdministration(try #require(TeamLocation(server.url(store.name, user: "owner"))))
    _ = try administration.initialize()
    _ = try administration.addMember(try Handle("ana"), role: "ana")

    let writer = try TeamLedger(location, mirrorFolder: mirrors, forWriting: true)
    try writer.append(.make(what: "After", to: try Handle("ben"), by: StoreUnderTest.due()), context: try StoreUnderTest.context())
    #expect(writer.takeWarnings().contains { $0.contains("event 1 is not what this machine verified at") })
    #expect(writer.connectionNote?.contains("the team ledger's past was changed") == true)
    #expect(writer.state.promises.readEach().map(\.what) == ["After"], "judged on the server's ledger, once opened")
  }

  /// A team ledger holding ana's promise One, made at ana's machine on an empty ledger (its
  /// copy verified, and who ana is remembered though the copy had no folder when it was opened).
  private static func ledgerReadByAna() throws -> (StoreUnderTest, TeamLocation, String) {
    let store = try StoreUnderTest(.team)
    let location = try #require(TeamLocation(try TestPostgres.shared.get().url(store.name, user: "ana")))
    let mirrors = Scratch.directory + "mirror-\(UUID().uuidString)"
    try TeamLedger(location, mirrorFolder: mirrors).append(
      .make(what: "One", to: try Handle("ben"), by: StoreUnderTest.due()), context: try StoreUnderTest.context())
    return (store, location, mirrors)
  }
}
