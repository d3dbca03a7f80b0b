import BreakthroughCore
import BreakthroughStore
import BreakthroughTestSupport
import Foundation
import Testing

/// A team ledger through a real PgBouncer: pooling whole sessions, everything works, a screen
/// included; pooling transactions (where a screen's LISTEN does not stay with it), the first
/// open says so and how to fix it.
@Suite(.needs(.postgreSQL), .needs(.pgBouncer))
struct TeamPoolerTests {
  static func open(_ url: String, listening: Bool = false) throws -> TeamLedger {
    let mirrors = Scratch.url.appendingPathComponent("mirror-\(UUID().uuidString)").path
    return try TeamLedger(try #require(TeamLocation(url)), mirrorFolder: mirrors, listening: listening)
  }

  @Test func throughASessionPoolerCommandsAndScreensWork() throws {
    let store = try StoreUnderTest(.team)
    let pooler = try TestPgBouncer(before: try TestPostgres.shared.get(), mode: .session)
    let board = try Self.open(pooler.url(store.name, user: "ana"), listening: true)
    try board.append(
      .make(what: "Through the pooler", to: try Handle("ben"), by: StoreUnderTest.due()), context: try StoreUnderTest.context())
    #expect(board.state.promise(number: 1)?.what == "Through the pooler")
    // Another member, at the server itself: the board hears of it.
    try store.open(as: "ben").append(
      .make(what: "Heard through the pooler", to: try Handle("ana"), by: StoreUnderTest.due()), context: try StoreUnderTest.context("ben"))
    for _ in 0..<50 where board.state.promise(number: 2) == nil {
      var watched = pollfd(fd: board.changeDescriptor ?? -1, events: Int16(POLLIN), revents: 0)
      _ = poll(&watched, 1, 100)
      try board.refresh()
    }
    #expect(board.state.promise(number: 2)?.what == "Heard through the pooler")
    #expect(try Self.open(pooler.url(store.name, user: "cy")).state.promises.count == 2)
  }

  @Test func throughATransactionPoolerTheFirstOpenSaysHowToFixIt() throws {
    let store = try StoreUnderTest(.team)
    try store.open(as: "ben").append(
      .make(what: "Already there", to: try Handle("ana"), by: StoreUnderTest.due()), context: try StoreUnderTest.context("ben"))
    let pooler = try TestPgBouncer(before: try TestPostgres.shared.get(), mode: .transaction)
    for listening in [false, true] {
      let said = TeamLedgerTests.message { _ = try Self.open(pooler.url(store.name, user: "ana"), listening: listening) }
      #expect(said.contains("is reached through a pooler that lends the server to other clients between statements"), "\(said)")
      #expect(said.contains("PgBouncer's pool_mode = transaction"))
      #expect(said.contains("point the URL at a pooler in session mode (pool_mode = session) or at the server itself"))
    }
    // The server itself is the fix.
    #expect(try Self.open(try TestPostgres.shared.get().url(store.name, user: "ana")).state.promises.count == 1)
  }
}
