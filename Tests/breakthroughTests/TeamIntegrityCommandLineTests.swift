import BreakthroughTestSupport
import Foundation
import Testing

/// `store check` as a team compares heads aloud, and as the command that says the past changed;
/// `store init` upgrading a version 1 ledger in place; options between `store` and its subcommand.
@Suite(.needs(.postgreSQL))
struct TeamIntegrityCommandLineTests {
  @Test func storeCheckPrintsTheHeadAndFailsOnAChangedPast() throws {
    let team = try TeamSetup()
    for what in ["One", "Two"] {
      #expect(try team.run(["promise", what, "--to", "ben", "--by", "2030-01-01"], as: "ana").status == 0)
    }
    let hash = try team.server.psql("select encode(hash, 'hex') from events where seq = 2", database: team.database)
    // The option between the group and its subcommand, as an alias would put it.
    let checked = try team.run(["store", "--store", team.url("ana"), "check"], as: "ana")
    #expect(checked.status == 0, "\(checked.errors)")
    #expect(checked.output.contains("head         event 2, hash \(hash.prefix(12))"), "\(checked.output)")
    #expect(checked.output.contains("this machine verified to event 2, hash \(hash.prefix(12)); the server still holds it"))

    try team.server.psql(
      "alter table events disable trigger events_append_only; update events set line = replace(line::text, 'One', 'Uno')::json "
        + "where seq = 1; alter table events enable trigger events_append_only", database: team.database, user: "owner")
    let broken = try team.run(["store", "check"], as: "cy")
    #expect(broken.status != 0)
    #expect(broken.errors.contains("the team ledger's chain is broken at event 1: its line was changed at the server"), "\(broken.errors)")
    let list = try team.run(["list"], as: "cy")
    #expect(list.errors.contains("event 1 no longer matches the hash it was written with"), "\(list.errors)")
    #expect(try team.run(["promise", "Three", "--to", "ben", "--by", "2030-01-01"], as: "ana").status == 0)
  }

  @Test(.needs(.tmux)) func theMeetingDisplayShowsTheChainsHeadInACorner() throws {
    let team = try TeamSetup()
    #expect(try team.run(["promise", "Shown at the meeting", "--to", "ben", "--by", "2030-01-01"], as: "ana").status == 0)
    let hash = try team.server.psql("select encode(hash, 'hex') from events where seq = 1", database: team.database)
    let meeting = try TmuxSession(
      command: BinaryRunner.executable.path + " meeting", width: 160, height: 40, environment: team.screenEnvironment("cy"))
    let screen = try meeting.waitFor("event 1 · \(hash.prefix(12))")
    #expect(screen?.split(separator: "\n").last?.hasSuffix("event 1 · \(hash.prefix(12))") == true, "\(screen ?? "")")
  }

  @Test func storeInitUpgradesAVersionOneLedgerInPlaceAndSaysWhatChanged() throws {
    let team = try TeamSetup()
    #expect(try team.run(["promise", "Before the upgrade", "--to", "ben", "--by", "2030-01-01"], as: "ana").status == 0)
    // What version 1 was: members inserted rows themselves, with no hash.
    try team.server.psql(
      "alter table events disable trigger events_append_only; alter table events alter column hash drop not null; "
        + "update events set hash = null; alter table events enable trigger events_append_only; "
        + "grant insert on events to ana; update breakthrough_meta set value = '1' where key = 'schema_version'",
      database: team.database, user: "owner")
    let upgraded = try team.run(["store", "init", "--store", team.url("owner")], as: "ana")
    #expect(upgraded.status == 0, "\(upgraded.errors)")
    #expect(upgraded.output.contains("upgraded the team ledger at"), "\(upgraded.output)")
    #expect(upgraded.output.contains("from schema version 1 to 3: each event now carries a hash chained to the one before"))
    #expect(upgraded.output.contains("members may no longer make temporary tables"))
    let hashed = try team.server.psql("select count(*) from events where hash is not null", database: team.database)
    #expect(hashed == "1")
    let inserted = try team.server.psql("select has_table_privilege('ana', 'events', 'insert')", database: team.database)
    #expect(inserted == "f")
    #expect(try team.run(["promise", "After it", "--to", "ben", "--by", "2030-01-01"], as: "ana").status == 0)
    #expect(try team.run(["list"], as: "cy").output.contains("P2"))
    let again = try team.run(["store", "init", "--store", team.url("owner")], as: "ana")
    #expect(again.output.contains("already set up (schema version 3); nothing to do"))
  }

  @Test func storeInitUpgradesAVersionTwoLedgerToWritesInOneCall() throws {
    let team = try TeamSetup()
    #expect(try team.run(["promise", "Before the upgrade", "--to", "ben", "--by", "2030-01-01"], as: "ana").status == 0)
    // What version 2 was: the same tables, without the write in one call.
    try team.server.psql(
      "drop function breakthrough_write(bigint, text[], text[], text[], text[], text[]); "
        + "update breakthrough_meta set value = '2' where key = 'schema_version'",
      database: team.database, user: "owner")
    let refused = try team.run(["promise", "Before the owner upgrades", "--to", "ben", "--by", "2030-01-01"], as: "ana")
    #expect(refused.status != 0)
    #expect(
      refused.errors.contains("has schema version 2: its owner upgrades it with `breakthrough store init --store URL`"), "\(refused.errors)"
    )
    let upgraded = try team.run(["store", "init", "--store", team.url("owner")], as: "ana")
    #expect(upgraded.output.contains("from schema version 2 to 3: a write is one call to breakthrough_write"), "\(upgraded.output)")
    #expect(!upgraded.output.contains("each event now carries a hash"))
    #expect(try team.run(["promise", "After it", "--to", "ben", "--by", "2030-01-01"], as: "ana").status == 0)
    let events = try team.server.psql("select string_agg(label, ',' order by seq) from events", database: team.database)
    #expect(events == "P1,P2")
  }
}
