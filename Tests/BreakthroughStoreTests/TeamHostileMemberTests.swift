import BreakthroughCore
import BreakthroughStore
import BreakthroughTestSupport
import Foundation
import Testing

/// A member who tries to bend the team ledger from `psql`, and an owner who goes around the
/// rules: against the real server, each attempt is refused by the server or seen by every
/// client, the team's next writes work, and no number is given twice.
@Suite(.enabled(if: StoreUnderTest.kinds.contains(.team), "needs PostgreSQL (apt-get install postgresql)"))
struct TeamHostileMemberTests {
  static func server() throws -> TestPostgres { try TeamLedgerTests.server() }

  static func said(_ body: () throws -> Void) -> String { TeamLedgerTests.message(body) }

  /// A call of `breakthrough_append` as psql would send it: one event whose line says `lineActor`.
  static func append(after: Int, id: String, label: String?, actor: String, lineActor: String? = nil, kind: String = "promise.made")
    -> String
  {
    let line = #"{"v":1,"id":"\#(id)","at":"2026-12-01T00:00:00.000Z","actor":"\#(lineActor ?? actor)","kind":"\#(kind)"}"#
    return "select breakthrough_append(\(after), array['\(id)'], array['\(kind)'], array[\(label.map { "'\($0)'" } ?? "null")]::text[], "
      + "array['\(actor)'], array['\(line)'])"
  }

  /// Ana's and ben's next promises are recorded, with the next numbers, each number once.
  static func theTeamGoesOn(_ store: StoreUnderTest, promisesBefore: Int) throws {
    for person in ["ana", "ben"] {
      try store.open(as: person).append(
        .make(what: "Next of \(person)", to: try Handle("cy"), by: StoreUnderTest.due()), context: try StoreUnderTest.context(person))
    }
    let labels = try server().psql("select label from events where label like 'P%' order by seq", database: store.name, user: "cy")
      .split(separator: "\n").map(String.init)
    #expect(labels == (1...promisesBefore + 2).map { "P\($0)" }, "\(labels)")
    let seqs = try server().psql("select count(*) = max(seq) from events", database: store.name, user: "cy")
    #expect(seqs == "t", "row numbers gapless")
  }

  static func makeOne(_ store: StoreUnderTest, as person: String = "ana", _ what: String = "First") throws {
    try store.open(as: person).append(
      .make(what: what, to: try Handle("cy"), by: StoreUnderTest.due()), context: try StoreUnderTest.context(person))
  }

  @Test func aLabelOtherThanTheNumberItsLineGivesOutIsRefused() throws {
    let store = try StoreUnderTest(.team)
    try Self.makeOne(store)
    let ana = try Handle("ana")
    func line(_ body: EventBody) -> String {
      EventCoding.line(for: Event(id: "forged-\(body.kind.name)", at: Date(timeIntervalSince1970: 1_800_000_000), actor: ana, body: body))
    }
    let made = PromiseTerms(
      id: "forged-p2", number: 2, performer: ana, customer: try Handle("cy"), what: "Numbered", by: StoreUnderTest.due(),
      breakthrough: nil, replaces: nil)
    let attempts: [(kind: String, label: String?, line: String)] = [
      // A number taken by a line that gives none out: every client would still count P2 as next.
      ("promise.accepted", "P2", line(.accepted(promise: "p", note: nil))),
      // A line that gives out P2 with no label: the server would still count P2 as next.
      ("promise.made", nil, line(.made(made))),
      // The line says P2, the label P3.
      ("promise.made", "P3", line(.made(made))),
      // A key twice, which readers could read two ways.
      ("promise.made", "P2", line(.made(made)).replacingOccurrences(of: #""number":2,"#, with: #""number":2,"number":7,"#)),
    ]
    for attempt in attempts {
      let label = attempt.label.map { "'\($0)'" } ?? "null"
      let refused = Self.said {
        try Self.server().psql(
          "select breakthrough_append(1, array['x'], array['\(attempt.kind)'], array[\(label)]::text[], array['ana'], "
            + "array[$l$\(attempt.line)$l$])", database: store.name, user: "ana")
      }
      #expect(refused.contains("gives out") || refused.contains("names a field twice"), "\(attempt.kind) \(label): \(refused)")
    }
    try Self.theTeamGoesOn(store, promisesBefore: 1)
  }

  @Test func temporaryObjectsCannotStandInForTheLedgersOwn() throws {
    let store = try StoreUnderTest(.team)
    try Self.makeOne(store)
    let forged = Self.append(after: 1, id: "forged", label: "P2", actor: "ana")
    let denied = Self.said {
      try Self.server().psql("create temp table members (handle text, role name)", database: store.name, user: "ben")
    }
    #expect(denied.contains("permission denied to create temporary tables"), "\(denied)")

    // Where the database is not the team's alone, a member may have temporary tables: the
    // rules still read only the ledger's own.
    try Self.server().psql("grant temporary on database \(store.name) to ben", database: store.name, user: "owner")
    let shadows = [
      "create temp view members as select 'ana'::text as handle, 'ben'::name as role; \(forged)",
      "create temp view breakthrough_meta as select 'owner'::text as key, 'ben'::text as value; set breakthrough.importing = 'on'; \(forged)",
      "set search_path = pg_temp, public; create temp view members as select 'ana'::text as handle, 'ben'::name as role; \(forged)",
      "create temp table events (seq bigint, hash bytea); "
        + Self.append(after: 0, id: "again", label: "P1", actor: "ben"),
      "create temp view breakthrough_numbers as select 'P'::text as prefix, 4::bigint as last; "
        + Self.append(after: 1, id: "skip", label: "P6", actor: "ben"),
      "create temp table breakthrough_writer (one boolean); " + forged,
      "create function pg_temp.sha256(bytea) returns bytea language sql as 'select ''\\x00''::bytea'; " + forged,
    ]
    for attack in shadows {
      let answer = Self.said { try Self.server().psql(attack, database: store.name, user: "ben") }
      #expect(
        answer.contains("an event said by ana cannot be recorded by you") || answer.contains("holds 1 events, not 0")
          || answer.contains("the team ledger gives P2 next, not P6") || answer.contains("but its line gives out"), "\(attack): \(answer)")
    }
    #expect(try Self.server().psql("select count(*) from events", database: store.name, user: "cy") == "1")
    try Self.theTeamGoesOn(store, promisesBefore: 1)
  }

  @Test func noSessionSettingChangesTheRules() throws {
    let store = try StoreUnderTest(.team)
    try Self.makeOne(store)
    let forged = Self.append(after: 1, id: "forged", label: "P2", actor: "ana")
    for setting in [
      "set breakthrough.importing = 'on'", "set session_replication_role = replica", "set role owner", "set session authorization ana",
      "set lock_timeout = 0",
    ] {
      let answer = Self.said { try Self.server().psql("\(setting); \(forged)", database: store.name, user: "ben") }
      #expect(answer.contains("cannot be recorded by you") || answer.contains("permission denied"), "\(setting): \(answer)")
    }
    #expect(try Self.server().psql("select count(*) from events", database: store.name, user: "cy") == "1")
    try Self.theTeamGoesOn(store, promisesBefore: 1)
  }

  @Test func onlyTheOwnerImportsAndOnlyIntoAnEmptyLedger() throws {
    let folder = Scratch.directory + "hostile-import-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = folder + "/ledger.jsonl"
    let text = DemoLedger.events(now: Date(), zone: StoreUnderTest.zone).map { EventCoding.line(for: $0) + "\n" }.joined()
    try text.write(toFile: path, atomically: true, encoding: .utf8)

    let store = try StoreUnderTest(.team)
    let asMember = try TeamAdministration(try #require(TeamLocation(Self.server().url(store.name, user: "ben"))))
    let member = Self.said { _ = try asMember.importLedger(from: path) }
    #expect(member.contains("only the team ledger's owner (the login owner) imports into it; nothing was imported"), "\(member)")

    try Self.makeOne(store)
    let asOwner = try TeamAdministration(try #require(TeamLocation(Self.server().url(store.name, user: "owner"))))
    let onTop = Self.said { _ = try asOwner.importLedger(from: path) }
    #expect(onTop.contains("imported into an empty team only; nothing was imported"), "\(onTop)")
    // By hand, the owner cannot add an event said by a member to a ledger that was not empty.
    let byHand = Self.said {
      try Self.server().psql(
        "insert into events (seq, id, kind, label, actor, line) values (2, 'by-hand', 'promise.made', 'P2', 'ana', "
          + #"'{"v":1,"id":"by-hand","at":"2026-12-01T00:00:00.000Z","actor":"ana","kind":"promise.made"}')"#, database: store.name,
        user: "owner")
    }
    #expect(byHand.contains("the login owner is not a member of this team ledger"), "\(byHand)")
    try Self.theTeamGoesOn(store, promisesBefore: 1)
  }

  @Test func numbersTakenOrSkippedAreRefused() throws {
    let store = try StoreUnderTest(.team)
    try Self.makeOne(store)
    let attacks: [(String, String)] = [
      (Self.append(after: 1, id: "taken", label: "P1", actor: "ben"), "the team ledger gives P2 next, not P1"),
      (Self.append(after: 1, id: "skipped", label: "P7", actor: "ben"), "the team ledger gives P2 next, not P7"),
      (Self.append(after: 1, id: "request", label: "R3", actor: "ben"), "the team ledger gives R1 next, not R3"),
      (Self.append(after: 1, id: "odd", label: "P02", actor: "ben"), "P02 is not a number the ledger gives out"),
      (Self.append(after: 5, id: "gap", label: nil, actor: "ben", kind: "promise.accepted"), "holds 1 events, not 5"),
      (Self.append(after: 0, id: "again", label: nil, actor: "ben", kind: "promise.accepted"), "holds 1 events, not 0"),
      ("insert into events (seq, id, kind, actor, line) values (3, 'x', 'promise.accepted', 'ben', '{}')", "permission denied"),
      ("update events set seq = 5", "permission denied"),
    ]
    for (attack, refusal) in attacks {
      let answer = Self.said { try Self.server().psql(attack, database: store.name, user: "ben") }
      // A label on a line that gives out no number is refused for that before its number is weighed.
      #expect(answer.contains(refusal) || answer.contains("but its line gives out nothing"), "\(attack): \(answer)")
    }
    try Self.theTeamGoesOn(store, promisesBefore: 1)
  }

  @Test func aRowNoClientCanReadStopsNobody() throws {
    let store = try StoreUnderTest(.team)
    try Self.makeOne(store)
    // Well-formed JSON, said by ben as ben, but no event any client can read.
    try Self.server().psql(
      Self.append(after: 1, id: "no-level", label: nil, actor: "ben", kind: "promise.confidence"), database: store.name, user: "ben")
    let ana = try store.open(as: "ana")
    let outcome = try ana.append(
      .make(what: "After the odd row", to: try Handle("cy"), by: StoreUnderTest.due()), context: try StoreUnderTest.context())
    #expect(outcome.events.count == 1, "a committed write is reported as recorded")
    let warnings = ana.takeWarnings()
    #expect(!warnings.contains { $0.contains("editor") || $0.contains("Writes are refused") }, "\(warnings)")
    let cy = try store.open(as: "cy")
    #expect(cy.state.promises.readEach().map(\.what) == ["First", "After the odd row"])
    #expect(cy.state.leftOut.map(\.kind) == ["promise.confidence"], "the row is left out, and named")
    #expect(
      try Self.server().psql("select count(*) from events where line::text like '%After the odd row%'", database: store.name, user: "cy")
        == "1")
    try Self.theTeamGoesOn(store, promisesBefore: 2)
  }

  @Test func aHeldWritersLockIsNamedAndWaitedForFiveSecondsAtMost() throws {
    let store = try StoreUnderTest(.team)
    try Self.makeOne(store)
    let server = try Self.server()
    // Ben takes the lock through the function (the only way a member can) and keeps his transaction open.
    let holder = try Spawn.start(
      "/usr/bin/psql",
      [
        "-h", server.folder, "-U", "ben", "-d", store.name, "-X", "-q", "-c",
        "select breakthrough_append(1, '{}', '{}', '{}', '{}', '{}'); select pg_sleep(12)",
      ], environment: ProcessInfo.processInfo.environment)
    // The lock is taken once ben's session says so in its application name.
    for _ in 0..<100 {
      let taken = try server.psql(
        "select count(*) from pg_stat_activity where application_name like 'breakthrough writing since %' and datname = current_database()",
        database: store.name)
      if taken == "1" { break }
      usleep(50_000)
    }
    let ana = try store.open(as: "ana")
    let refused = Self.said {
      try ana.append(.make(what: "Waits", to: try Handle("cy"), by: StoreUnderTest.due()), context: try StoreUnderTest.context())
    }
    #expect(refused.hasPrefix("nothing was recorded: the writers' lock of the team ledger has been held by ben since "), "\(refused)")
    #expect(refused.contains("for more than 5 s"))
    // A screen's write answers while it waits, and may be cancelled: nothing is recorded.
    var turns = 0
    ana.whileWaiting = {
      turns += 1
      return turns < 3
    }
    let cancelled = Self.said {
      try ana.append(.make(what: "Cancelled", to: try Handle("cy"), by: StoreUnderTest.due()), context: try StoreUnderTest.context())
    }
    ana.whileWaiting = nil
    #expect(cancelled == "nothing was recorded: the write was cancelled while it waited for the writers' lock", "\(cancelled)")
    #expect(turns == 3)
    _ = holder.wait()
    try Self.theTeamGoesOn(store, promisesBefore: 1)
  }

  /// The owner switches the append-only trigger off, changes a past line, and switches it back.
  static func rewrite(_ store: StoreUnderTest, event seq: Int, from old: String, to new: String, rechaining: Bool) throws {
    var sql =
      "alter table events disable trigger events_append_only; "
      + "update events set line = replace(line::text, '\(old)', '\(new)')::json where seq = \(seq); "
    if rechaining {
      sql += """
        do $$ declare r record; previous bytea; begin
          for r in select seq, line from events where seq >= \(seq) order by seq loop
            select hash into previous from events where seq = r.seq - 1;
            update events set hash = sha256(coalesce(previous, ''::bytea) || convert_to(r.line::text, 'UTF8')) where seq = r.seq;
          end loop; end $$;
        """
    }
    sql += "alter table events enable trigger events_append_only"
    try server().psql(sql, database: store.name, user: "owner")
  }

  @Test func aPastRewrittenByTheOwnerIsSeenByAFreshMachineAndByStoreCheck() throws {
    let store = try StoreUnderTest(.team)
    for what in ["One", "Two", "Three"] { try Self.makeOne(store, what) }
    try Self.rewrite(store, event: 2, from: "Two", to: "Owt", rechaining: false)
    let fresh = try store.open(as: "cy")
    let warnings = fresh.takeWarnings()
    #expect(
      warnings.contains { $0.contains("was changed: event 2 no longer matches the hash it was written with") }, "\(warnings)")
    #expect(fresh.connectionNote?.contains("the team ledger's past was changed") == true)
    let owner = try TeamAdministration(try #require(TeamLocation(Self.server().url(store.name, user: "owner"))))
    #expect(try owner.verifyChain().brokenAt == 2)
    try Self.theTeamGoesOn(store, promisesBefore: 3)
  }

  /// Ana's machine, with its own mirror, after making a promise for each of `whats`.
  static func machine(of store: StoreUnderTest, making whats: [String]) throws -> (TeamLocation, String) {
    let mirrors = Scratch.directory + "mirror-\(UUID().uuidString)"
    let location = try #require(TeamLocation(Self.server().url(store.name, user: "ana")))
    let machine = try TeamLedger(location, mirrorFolder: mirrors)
    for what in whats {
      try machine.append(.make(what: what, to: try Handle("cy"), by: StoreUnderTest.due()), context: try StoreUnderTest.context())
    }
    return (location, mirrors)
  }

  @Test func aPastRewrittenAndRechainedIsSeenByEveryMachineThatReadIt() throws {
    let store = try StoreUnderTest(.team)
    let (location, mirrors) = try Self.machine(of: store, making: ["One", "Two", "Three"])
    try Self.rewrite(store, event: 2, from: "Two", to: "Owt", rechaining: true)
    let again = try TeamLedger(location, mirrorFolder: mirrors)
    let warnings = again.takeWarnings()
    #expect(warnings.contains { $0.contains("was changed: event 2 is not what this machine verified at") }, "\(warnings)")
    #expect(again.state.promises.readEach().map(\.what) == ["One", "Owt", "Three"], "the server's chain decides what is shown")
    #expect(again.connectionNote?.contains("the team ledger's past was changed") == true)
    // Still said on the next open, until the past is as it was.
    #expect(try TeamLedger(location, mirrorFolder: mirrors).connectionNote?.contains("the team ledger's past was changed") == true)
    try Self.rewrite(store, event: 2, from: "Owt", to: "Two", rechaining: true)
    let restored = try TeamLedger(location, mirrorFolder: mirrors)
    #expect(restored.connectionNote == nil)
    #expect(restored.state.promises.readEach().map(\.what) == ["One", "Two", "Three"])
    try Self.theTeamGoesOn(store, promisesBefore: 3)
  }

  @Test func aLineEditedInThisMachinesCopyIsNotBelieved() throws {
    let store = try StoreUnderTest(.team)
    let (location, mirrors) = try Self.machine(of: store, making: ["Pay the rent", "Water the plants"])
    // Edited in place: the same length, the same file.
    let path = location.mirrorPath(in: mirrors)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.seek(toOffset: UInt64(try #require(text.range(of: "Pay the rent")).lowerBound.utf16Offset(in: text)))
    handle.write(Data("Pay the RENT".utf8))
    try handle.close()
    let again = try TeamLedger(location, mirrorFolder: mirrors)
    let warnings = again.takeWarnings()
    #expect(
      warnings.contains {
        $0.contains("line 1 of this machine's copy of the team ledger") && $0.contains("was changed on this machine after")
      }, "\(warnings)")
    #expect(again.state.promises.readEach().map(\.what) == ["Pay the rent", "Water the plants"])
    try Self.theTeamGoesOn(store, promisesBefore: 2)
  }
}
