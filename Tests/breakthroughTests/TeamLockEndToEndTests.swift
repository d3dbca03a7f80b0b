import BreakthroughTestSupport
import Foundation
import Testing

/// A board whose write waits for another member's: it says it is recording, keeps answering
/// keys (the help opens), and Esc cancels the write, which records nothing.
@Suite(.needs(.postgreSQL), .needs(.tmux))
struct TeamLockEndToEndTests {
  @Test func aBoardWaitingForTheWritersLockAnswersKeysAndEscCancels() throws {
    let team = try TeamSetup()
    #expect(try team.run(["promise", "Before", "--to", "ben", "--by", "+3d"], as: "ana").status == 0)
    let board = try TmuxSession(command: BinaryRunner.executable.path, environment: team.screenEnvironment("ana"))
    #expect(try board.waitFor("you are ana") != nil)
    // Ben holds the writers' lock from psql, in a transaction left open.
    let holder = try Spawn.start(
      "/usr/bin/psql",
      [
        "-h", team.server.folder, "-U", "ben", "-d", team.database, "-X", "-q", "-c",
        "select breakthrough_lock(); select pg_sleep(20)",
      ], environment: ProcessInfo.processInfo.environment)
    for _ in 0..<100 {
      let taken = try team.server.psql(
        "select count(*) from pg_stat_activity where application_name like 'breakthrough writing since %' and datname = current_database()",
        database: team.database)
      if taken == "1" { break }
      usleep(50_000)
    }
    try board.makePromise("While ben holds the lock", to: "ben", by: "+2d")
    let waiting = "recording… waiting for the server: another member's write, or the connection (Esc cancels, ? helps)"
    #expect(try board.waitFor(waiting, seconds: 10) != nil)
    try board.send("?")
    #expect(try board.waitFor("Help: keys on the board", seconds: 10) != nil, "the help opens while the write waits")
    try board.send("Escape")
    #expect(try board.waitFor("nothing was recorded: the write was cancelled while it waited", seconds: 10) != nil)
    // The help opened while it waited is still over the board; under it, the form is back.
    try board.send("Escape")
    #expect(try board.waitFor("│ What     While ben holds the lock", seconds: 10) != nil, "its form is back, as typed")
    // Ben's session ends (his transaction with it), and the lock is free again. Only this
    // ledger's: the server is shared with other tests' writers.
    try team.server.psql(
      "select pg_terminate_backend(pid) from pg_stat_activity where application_name like 'breakthrough writing since %' "
        + "and datname = current_database() and usename = 'ben'",
      database: team.database)
    _ = holder.wait()
    let listed = try team.run(["list"], as: "cy").output
    #expect(!listed.contains("While ben holds the lock"), "a cancelled write records nothing")
    #expect(try team.run(["promise", "After", "--to", "ben", "--by", "+3d"], as: "cy").status == 0)
  }
}
