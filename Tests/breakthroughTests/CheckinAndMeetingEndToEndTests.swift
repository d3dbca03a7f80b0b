import BreakthroughTestSupport
import Foundation
import Testing

/// The check-in and the meeting display as people use them: the real binary in tmux.
@Suite(.serialized) struct CheckinAndMeetingEndToEndTests {
  func start(_ cli: BinaryRunner, _ arguments: String, width: Int = 120, height: Int = 40) throws -> TmuxSession {
    try TmuxSession(
      command: "\(BinaryRunner.executable.path) \(arguments)", width: width, height: height,
      environment: [
        "BREAKTHROUGH_STORE": cli.ledger, "BREAKTHROUGH_USER": cli.actor, "TZ": "UTC", "LANG": "C.UTF-8",
        "HOME": Scratch.directory,
      ])
  }

  @Test(.needs(.tmux)) func aCheckinAnsweredWithKeysLeavesTheLedgerAsTheKeysSaid() throws {
    let cli = BinaryRunner()
    #expect(try cli.run("promise", "Send the proposal", "--to", "ben", "--by", "2026-01-05").status == 0)
    #expect(try cli.run("promise", "Review the slides", "--to", "ana", "--by", "+3d", as: "ben").status == 0)
    #expect(try cli.run("done", "P2", as: "ben").status == 0)
    #expect(try cli.run("promise", "Plan the offsite", "--to", "ben", "--by", "+10d").status == 0)
    let tmux = try start(cli, "checkin", width: 80, height: 24)
    // The first item whole: curses may show its title a frame before its text.
    let first = try tmux.waitUntil { $0.contains("1 of 3") && $0.contains("Send the proposal") }
    let shown = try first ?? tmux.screen()
    try #require(first != nil, "the check-in did not appear:\n\(shown)")
    #expect(shown.contains("Send the proposal"))
    try tmux.send("k")
    #expect(try tmux.waitFor("2 of 3") != nil)
    try tmux.send("k")
    #expect(try tmux.waitFor("3 of 3") != nil)
    try tmux.send("2")
    #expect(try tmux.waitFor("Anything to promise or ask today?") != nil)
    try tmux.send("Enter")
    #expect(try tmux.waitFor("Check-in done: 3 recorded") != nil)
    try tmux.send("Enter")
    #expect(tmux.exitStatus() == "0")
    let listed = try cli.run("list", "--all", "--format", "tsv").output
    #expect(listed.contains("P1\tdelivered\tana\tben"), "k on an overdue promise reports delivery:\n\(listed)")
    #expect(listed.contains("P2\tkept\tben\tana"), "k on a delivery to ana accepts it")
    #expect(listed.contains("P3\topen\tana\tben"))
    #expect(try cli.run("show", "P3").output.contains("at risk"))
    #expect(try tmux.screen().contains("Check-in: 3 recorded, 0 skipped."))
  }

  @Test func checkinPlainPrintsTheListForALoginScript() throws {
    let cli = BinaryRunner()
    #expect(try cli.run("promise", "Send the proposal", "--to", "ben", "--by", "2026-01-05").status == 0)
    #expect(try cli.run("promise", "Ben's own", "--to", "cy", "--by", "+3d", as: "ben").status == 0)
    let plain = try cli.run("checkin", "--plain")
    #expect(plain.status == 0)
    #expect(plain.output.contains("Check-in for ana"))
    #expect(plain.output.contains("Overdue: account for it"))
    #expect(plain.output.contains("P1  ana → ben"))
    #expect(!plain.output.contains("Ben's own"))
    let nothing = try cli.run("checkin", "--plain", as: "cy")
    #expect(nothing.status == 0)
    #expect(nothing.output.contains("Nothing to account for"))
  }

  @Test(.needs(.tmux)) func theMeetingDisplayFollowsTheLedgerAndItsKeysNeverChangeIt() throws {
    let cli = BinaryRunner()
    #expect(try cli.run("declare", "Three paying teams by spring", "--by", "+120d").status == 0)
    #expect(try cli.run("promise", "Send the proposal", "--to", "ben", "--by", "+2d").status == 0)
    let tmux = try start(cli, "meeting --interval 600")
    let first = try tmux.waitFor("Standing meeting")
    let shown = try first ?? tmux.screen()
    try #require(first != nil, "the meeting display did not appear:\n\(shown)")
    #expect(shown.contains("Three paying teams by spring"))
    #expect(shown.contains("█"), "the countdown is in block digits at 120×40")
    let before = try String(contentsOfFile: cli.ledger, encoding: .utf8)
    for key in ["n", "a", "1", "x", "D", "u", "Enter"] { try tmux.send(key) }
    #expect(try tmux.waitFor("This display is read-only") != nil)
    #expect(try String(contentsOfFile: cli.ledger, encoding: .utf8) == before)

    let started = Date()
    #expect(try cli.run("promise", "Print the wall poster", "--to", "ben", "--by", "2026-01-05", as: "cy").status == 0)
    let appeared = try tmux.waitFor("Print the wall poster", seconds: 10)
    let screen = try appeared ?? tmux.screen()
    #expect(appeared != nil, "another process's append did not show:\n\(screen)")
    // How soon is printed, not asserted: a bound on time is a coin toss on a shared machine.
    print("another writer's promise showed on the meeting display after \(Int(Date().timeIntervalSince(started) * 1000)) ms")
    try tmux.send("Right")
    #expect(try tmux.waitFor("ana · page 2 of 5") != nil)
    try tmux.send("q")
    #expect(tmux.exitStatus() == "0")
  }

  @Test func badMeetingAndCheckinArgumentsAreRefusedWithTheFix() throws {
    let cli = BinaryRunner()
    let interval = try cli.run("meeting", "--interval", "0")
    #expect(interval.status != 0)
    #expect(interval.errors.contains("--interval 0 is out of range: give the seconds a page stays, from 5 to 3600"))
    let noTerminal = try cli.run("checkin")
    #expect(noTerminal.status != 0)
    #expect(noTerminal.errors.contains("this screen needs a terminal"))
  }
}
