import BreakthroughCore
import BreakthroughStore
import BreakthroughTestSupport
import Foundation
import Testing

/// What only the team ledger does: identity and append-only kept by the server, whatever the
/// client; clear sentences for a server that is not ready; passwords never shown; a ledger
/// file moved in and out whole.
@Suite(.needs(.postgreSQL))
struct TeamLedgerTests {
  static func server() throws -> TestPostgres { try TestPostgres.shared.get() }

  static func message(_ body: () throws -> Void) -> String {
    do {
      try body()
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test func aMemberCannotRecordAsAnotherEvenBySQL() throws {
    let store = try StoreUnderTest(.team)
    let ben = try store.open(as: "ben")
    let refused = Self.message {
      try ben.append(.make(what: "Forged", to: try Handle("cy"), by: StoreUnderTest.due()), context: try StoreUnderTest.context("ana"))
    }
    #expect(refused.contains("you are ben on this team ledger: an event said by ana cannot be recorded by you"), "\(refused)")
    #expect(refused.hasSuffix("nothing was recorded"))
    // Hand-written, through psql: the actor column says ben, the line says ana.
    let line = #"{"v":1,"id":"forged-1","at":"2026-12-01T00:00:00.000Z","actor":"ana","kind":"promise.made"}"#
    for function in ["breakthrough_append", "breakthrough_write"] {
      for actor in ["ana", "ben"] {
        let sql = "select \(function)(0, array['forged-1'], array['promise.made'], array['P1'], array['\(actor)'], array['\(line)'])"
        let said = Self.message { try Self.server().psql(sql, database: store.name, user: "ben") }
        #expect(said.contains("an event said by ana cannot be recorded by you"), "\(function): \(said)")
      }
    }
    // A member adds events only through the function.
    let inserted = Self.message {
      try Self.server().psql(
        "insert into events (seq, id, kind, label, actor, line) values (1, 'x', 'promise.made', 'P1', 'ben', '{}')", database: store.name,
        user: "ben")
    }
    #expect(inserted.contains("permission denied for table events"), "\(inserted)")
    #expect(try store.open(as: "cy").state.eventCount == 0)
  }

  @Test func noOneChangesOrRemovesAnEventNotEvenTheOwner() throws {
    let store = try StoreUnderTest(.team)
    try store.open(as: "ana").append(
      .make(what: "Kept forever", to: try Handle("ben"), by: StoreUnderTest.due()), context: try StoreUnderTest.context())
    for user in ["ana", "owner"] {
      for sql in ["update events set actor = 'ben'", "delete from events", "truncate events"] {
        let said = Self.message { try Self.server().psql(sql, database: store.name, user: user) }
        #expect(said.contains("append-only") || said.contains("permission denied"), "\(user): \(sql): \(said)")
      }
    }
    let said = Self.message { try Self.server().psql("truncate events", database: store.name, user: "owner") }
    #expect(said.contains("the ledger is append-only"))
    #expect(try store.open(as: "cy").state.promise(number: 1)?.what == "Kept forever")
  }

  @Test func aCopyThatIsNoFileIsSaidAsThisMachinesCopyWithItsFix() throws {
    let store = try StoreUnderTest(.team)
    let location = try #require(TeamLocation(try Self.server().url(store.name, user: "ana")))
    let mirrors = Scratch.directory + "mirror-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: location.mirrorPath(in: mirrors), withIntermediateDirectories: true)
    let said = Self.message { _ = try TeamLedger(location, mirrorFolder: mirrors) }
    #expect(said.contains("this machine's copy of the team ledger, \(location.mirrorPath(in: mirrors)), is not a file"), "\(said)")
    #expect(said.contains("move it aside or remove it") && !said.contains("--store"), "\(said)")
    try FileManager.default.removeItem(atPath: location.mirrorPath(in: mirrors))
    #expect(try TeamLedger(location, mirrorFolder: mirrors).state.eventCount == 0, "with the folder gone, it opens")
  }

  @Test func aServerThatIsNotReadySaysWhatToDo() throws {
    let server = try Self.server()
    let bare = try server.createDatabase()
    let mirrors = Scratch.directory + "mirror-\(UUID().uuidString)"
    let noSchema = Self.message { _ = try TeamLedger(try #require(TeamLocation(server.url(bare, user: "ana"))), mirrorFolder: mirrors) }
    #expect(noSchema.contains("holds no team ledger yet: its owner sets it up with `breakthrough store init --store URL`"), "\(noSchema)")

    let store = try StoreUnderTest(.team)
    let notMember = Self.message {
      _ = try TeamLedger(try #require(TeamLocation(server.url(store.name, user: "owner"))), mirrorFolder: mirrors)
    }
    #expect(notMember.contains("the login owner is not a member"), "\(notMember)")
    #expect(notMember.contains("breakthrough store member add HANDLE --role owner"))

    try server.psql("update breakthrough_meta set value = '99' where key = 'schema_version'", database: store.name, user: "owner")
    let newer = Self.message { _ = try store.open(as: "ana") }
    #expect(newer.contains("schema version 99, newer than this breakthrough understands (3): update breakthrough"), "\(newer)")
  }

  @Test func aWrongPasswordIsNamedButNeverShown() throws {
    let server = try Self.server()
    let store = try StoreUnderTest(.team)
    let url = "postgres://pat:wrong-secret@/\(store.name)?host=\(server.folder)"
    let said = Self.message { _ = try TeamLedger(try #require(TeamLocation(url)), mirrorFolder: Scratch.directory + "m-\(UUID())") }
    #expect(said.contains("refused the connection: password authentication failed for user \"pat\"; check the password"), "\(said)")
    #expect(!said.contains("wrong-secret"))
    #expect(
      TeamLocation.redact("postgres://pat:wrong-secret@host/db?password=other&sslmode=require")
        == "postgres://pat:***@host/db?password=***&sslmode=require")
  }

  @Test func aFileLedgerMovesInWholeAndComesOutTheSame() throws {
    let folder = Scratch.directory + "import-\(UUID().uuidString)"
    let path = folder + "/ledger.jsonl"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let text = DemoLedger.events(now: Date(), zone: StoreUnderTest.zone).map { EventCoding.line(for: $0) + "\n" }.joined()
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let file = try FileLedger(path: path)

    let store = try StoreUnderTest(.team)
    let administration = try TeamAdministration(try #require(TeamLocation(try Self.server().url(store.name, user: "owner"))))
    let said = try administration.importLedger(from: path)
    #expect(said.hasPrefix("imported \(file.state.eventCount) events"), "\(said)")
    let team = try store.open(as: "ben")
    #expect(team.state.promises.readEach().map(\.label) == file.state.promises.readEach().map(\.label))
    #expect(team.state.promises.readEach().map(\.state) == file.state.promises.readEach().map(\.state))
    #expect(team.state.promises.readEach().map { $0.history.count } == file.state.promises.readEach().map { $0.history.count })
    #expect(try administration.exportLines().map { $0 + "\n" }.joined() == text, "the export is the file, byte for byte")
    let again = Self.message { _ = try administration.importLedger(from: path) }
    #expect(again.contains("imported into an empty team only; nothing was imported"), "\(again)")
    #expect(try store.open(as: "cy").state.eventCount == file.state.eventCount)
  }

  /// A new team ledger on `server` with ana as its one member; where ana reaches it.
  static func teamWithAna(on server: TestPostgres) throws -> TeamLocation {
    let database = try server.createDatabase()
    let administration = try TeamAdministration(try #require(TeamLocation(server.url(database, user: "owner"))))
    _ = try administration.initialize()
    _ = try administration.addMember(try Handle("ana"), role: "ana")
    return try #require(TeamLocation(server.url(database, user: "ana")))
  }

  /// Ana promises ben `what`, due as the store tests' promises are.
  static func promise(_ what: String, in ledger: TeamLedger) throws {
    let context = try StoreUnderTest.context()
    try ledger.append { (state) throws(Refusal) in
      try state.makePromise(what: what, to: try Handle("ben"), by: StoreUnderTest.due(), context: context)
    }
  }

  /// A screen's write while offline tries the server at once, not at the next reconnection
  /// (up to 30 s away): refused while it is down, recorded as soon as it is back.
  @Test func aScreensWriteWhileOfflineConnectsAtOnce() throws {
    let server = try TestPostgres()  // a server of its own: this test stops it
    defer { server.stop() }
    let location = try Self.teamWithAna(on: server)
    let screen = try TeamLedger(location, mirrorFolder: Scratch.directory + "mirror-\(UUID().uuidString)", listening: true)
    func promise(_ what: String) throws { try Self.promise(what, in: screen) }
    try promise("Before")
    server.stop()
    try screen.refresh()
    #expect(screen.connectionNote?.hasPrefix("offline since") == true)
    let refused = Self.message { try promise("While down") }
    #expect(refused.hasPrefix("nothing was recorded: cannot reach the team ledger"), "\(refused)")
    try server.start()
    try promise("Once back")
    #expect(screen.state.promises.readEach().map(\.what) == ["Before", "Once back"])
    #expect(screen.connectionNote == nil)
    let fresh = try TeamLedger(location, mirrorFolder: Scratch.directory + "mirror-\(UUID().uuidString)")
    #expect(fresh.state.promises.readEach().map(\.what) == ["Before", "Once back"])
  }

  /// A reconnection that fails after connecting (this machine's copy cannot take the rows
  /// another member wrote meanwhile) is no connection: the screen stays offline, does not try
  /// again on every refresh, and is back online once the copy can take them.
  @Test func aReconnectionThatFailsPartwayStaysOfflineUntilWhole() throws {
    let server = try TestPostgres()  // a server of its own: this test stops it
    defer { server.stop() }
    let location = try Self.teamWithAna(on: server)
    let folder = Scratch.directory + "mirror-\(UUID().uuidString)"
    var now = Date()
    let screen = try TeamLedger(location, mirrorFolder: folder, listening: true, clock: { now })
    try Self.promise("Before", in: screen)
    server.stop()
    now += 60
    try screen.refresh()
    #expect(screen.connectionNote?.hasPrefix("offline since") == true)
    try server.start()
    try Self.promise("Meanwhile", in: try TeamLedger(location, mirrorFolder: Scratch.directory + "mirror-\(UUID().uuidString)"))
    let mirror = location.mirrorPath(in: folder)
    #expect(rename(mirror, mirror + ".away") == 0 && mkdir(mirror, 0o700) == 0)
    func refreshUntilSettled() -> String? {
      for _ in 0..<500 {
        do { if try screen.refresh() { return nil } } catch { return "\(error)" }
        if screen.connectionNote == nil { return nil }
        usleep(10_000)
      }
      return "still connecting"
    }
    now += 60
    let failure = refreshUntilSettled()
    #expect(failure != nil && failure != "still connecting", "the copy cannot take the rows: \(failure ?? "no failure")")
    #expect(screen.connectionNote?.hasPrefix("offline since") == true, "\(screen.connectionNote ?? "online")")
    #expect(screen.changeDescriptor == nil, "no connection is kept from the failed open")
    #expect(try screen.refresh() == false, "no new attempt before the backoff has passed")
    #expect(screen.changeDescriptor == nil, "nor one under way")
    #expect(rmdir(mirror) == 0 && rename(mirror + ".away", mirror) == 0)
    now += 60
    #expect(refreshUntilSettled() == nil)
    #expect(screen.connectionNote == nil, "\(screen.connectionNote ?? "online")")
    #expect(screen.state.promises.readEach().map(\.what) == ["Before", "Meanwhile"])
  }

  @Test func offlineItSaysSinceWhenInTheTeamsClock() throws {
    let server = try TestPostgres()  // a server of its own: this test stops it
    defer { server.stop() }
    let location = try Self.teamWithAna(on: server)
    let mirrors = Scratch.directory + "mirror-\(UUID().uuidString)"
    // Kiritimati is 14 hours ahead of UTC: no machine running these tests shares its clock.
    let context = try StoreUnderTest.context()
    try TeamLedger(location, mirrorFolder: mirrors).append { (state) throws(Refusal) in
      try state.setZone("Pacific/Kiritimati", note: nil, context: context)
    }
    // A ledger that names no zone: the one the config file names, as on the screens.
    let unnamedLocation = try Self.teamWithAna(on: server)
    _ = try TeamLedger(unnamedLocation, mirrorFolder: mirrors)
    server.stop()
    let since = try #require(ISO8601DateFormatter().date(from: "2026-03-02T09:30:00Z"))
    let offline = try TeamLedger(location, mirrorFolder: mirrors, listening: true, clock: { since })
    offline.zoneWhenUnnamed = TimeZone(identifier: "Asia/Tokyo")
    #expect(offline.connectionNote == "offline since 23:30", "the ledger's own zone first: \(offline.connectionNote ?? "online")")
    let unnamedOffline = try TeamLedger(unnamedLocation, mirrorFolder: mirrors, listening: true, clock: { since })
    unnamedOffline.zoneWhenUnnamed = TimeZone(identifier: "Pacific/Kiritimati")
    #expect(unnamedOffline.connectionNote == "offline since 23:30", "\(unnamedOffline.connectionNote ?? "online")")
  }

  @Test func aMirrorAheadOfItsServerIsReadAgain() throws {
    let server = try Self.server()
    let store = try StoreUnderTest(.team)
    let mirrors = Scratch.directory + "mirror-\(UUID().uuidString)"
    let location = try #require(TeamLocation(server.url(store.name, user: "ana")))
    do {
      let first = try TeamLedger(location, mirrorFolder: mirrors)
      for what in ["One", "Two"] {
        try first.append(.make(what: what, to: try Handle("ben"), by: StoreUnderTest.due()), context: try StoreUnderTest.context())
      }
    }
    // The server "restored from a backup": the same name now holds another, shorter ledger.
    try server.psql("alter database \(store.name) rename to \(store.name)_old")
    try server.psql("create database \(store.name) owner owner")
    let administration = try TeamAdministration(try #require(TeamLocation(server.url(store.name, user: "owner"))))
    _ = try administration.initialize()
    _ = try administration.addMember(try Handle("ana"), role: "ana")
    try TeamLedger(location, mirrorFolder: Scratch.directory + "m-\(UUID())").append(
      .make(what: "Restored", to: try Handle("ben"), by: StoreUnderTest.due()), context: try StoreUnderTest.context())

    let reopened = try TeamLedger(location, mirrorFolder: mirrors)
    #expect(reopened.state.promises.readEach().map(\.what) == ["Restored"])
    let warnings = reopened.takeWarnings()
    #expect(warnings.contains { $0.contains("event 1 is not what this machine verified at") }, "\(warnings)")
    #expect(warnings.contains { $0.contains("or the server restored from a backup); this machine shows the server's version") })
    #expect(reopened.connectionNote?.contains("the team ledger's past was changed") == true)
  }

  @Test func aDamagedMirrorIsReadAgain() throws {
    let store = try StoreUnderTest(.team)
    let mirrors = Scratch.directory + "mirror-\(UUID().uuidString)"
    let location = try #require(TeamLocation(try Self.server().url(store.name, user: "ana")))
    let first = try TeamLedger(location, mirrorFolder: mirrors)
    for what in ["Kept on the server", "And this one"] {
      try first.append(.make(what: what, to: try Handle("ben"), by: StoreUnderTest.due()), context: try StoreUnderTest.context())
    }
    // The first of the mirror's two lines made unreadable: damage, not a torn end.
    let mirror = location.mirrorPath(in: mirrors)
    let lines = try String(contentsOfFile: mirror, encoding: .utf8).split(separator: "\n")
    try (#"{"v":1,"id":broken"# + "\n" + lines[1] + "\n").write(toFile: mirror, atomically: true, encoding: .utf8)
    let reopened = try TeamLedger(location, mirrorFolder: mirrors)
    #expect(reopened.state.promises.readEach().map(\.what) == ["Kept on the server", "And this one"])
    let warnings = reopened.takeWarnings()
    #expect(warnings.contains { $0.contains("line 1 of this machine's copy of the team ledger") }, "\(warnings)")
    #expect(warnings.contains { $0.contains("it was not believed: the copy was read again from the server") }, "\(warnings)")
    try reopened.append(.make(what: "And the next", to: try Handle("ben"), by: StoreUnderTest.due()), context: try StoreUnderTest.context())
  }
}
