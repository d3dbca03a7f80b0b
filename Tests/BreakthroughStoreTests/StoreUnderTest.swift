import BreakthroughCore
import BreakthroughStore
import BreakthroughTestSupport
import Foundation
import Testing

/// One ledger, in either store: a file, or a team ledger in a database of its own on the test
/// server. Each `open` is like another machine (a team ledger opened again gets a mirror of its
/// own), so what one writes, another must read from the store, not from memory.
struct StoreUnderTest: CustomTestStringConvertible, Sendable {
  enum Kind: String, CaseIterable, Sendable {
    case file, team
  }

  let kind: Kind
  /// The ledger file, or the team ledger's database.
  let name: String

  var testDescription: String { kind.rawValue }

  static let zone = TimeZone(identifier: "UTC") ?? .current

  /// A new, empty ledger of `kind`, with ana, ben and cy as members of a team ledger.
  init(_ kind: Kind) throws {
    self.kind = kind
    switch kind {
    case .file:
      name = Scratch.url.appendingPathComponent("store-test-\(UUID().uuidString)/ledger.jsonl").path
    case .team:
      let server = try TestPostgres.shared.get()
      name = try server.createDatabase()
      let administration = try TeamAdministration(try #require(TeamLocation(server.url(name, user: "owner"))))
      _ = try administration.initialize()
      for person in ["ana", "ben", "cy"] { _ = try administration.addMember(try Handle(person), role: person) }
    }
  }

  /// The store as `person` opens it (on a team ledger: logged in as that role).
  func open(as person: String = "ana", listening: Bool = false) throws -> LedgerStore {
    switch kind {
    case .file:
      return try FileLedger(path: name)
    case .team:
      let url = try TestPostgres.shared.get().url(name, user: person)
      let mirrors = Scratch.url.appendingPathComponent("mirror-\(UUID().uuidString)").path
      return try TeamLedger(try #require(TeamLocation(url)), mirrorFolder: mirrors, listening: listening)
    }
  }

  static func context(_ actor: String = "ana") throws -> MoveContext {
    MoveContext(actor: try Handle(actor), now: Date(), zone: zone)
  }

  static func due(inDays days: Int = 3) -> ByWhen {
    ByWhen(day: LocalMoment(Date(), in: zone).day.adding(days: days))
  }

  /// The kinds to test: the team ledger only where PostgreSQL is installed (or required, to fail).
  static var kinds: [Kind] {
    Prerequisite.postgreSQL.allowsRunning ? Kind.allCases : [.file]
  }
}

/// Where PostgreSQL is installed (or required), the tests' own server starts.
@Suite struct PostgresPresenceTests {
  @Test(.needs(.postgreSQL)) func theTestServerStarts() throws {
    #expect(try TestPostgres.shared.get().psql("select 1") == "1")
  }
}
