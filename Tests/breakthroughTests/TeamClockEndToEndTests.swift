import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

/// One team clock: a team ledger in Europe/Berlin, one member's machine in New York and one in
/// Tokyo. Whatever the hour, both see what Berlin sees: the same promises overdue, the same
/// measures, the same weeks. By-whens are set from Berlin's today, so the test holds on any date.
@Suite(.serialized, .needs(.postgreSQL))
struct TeamClockEndToEndTests {
  static let berlin = TimeZone(identifier: "Europe/Berlin") ?? .current

  /// The team's ledger with promises due from two days before Berlin's today to eight after.
  static func team() throws -> (TeamSetup, [Int: String]) {
    var team = try TeamSetup(zone: "Europe/Berlin")
    team.machineZones = ["ana": "America/New_York", "ben": "Asia/Tokyo"]
    let today = LocalMoment(Date(), in: berlin).day
    var labels: [Int: String] = [:]
    for offset in [-2, -1, 0, 1, 7, 8] {
      let made = try team.run(
        ["promise", "Due \(offset) days from Berlin's today", "--to", "ben", "--by", today.adding(days: offset).iso], as: "ana")
      #expect(made.status == 0, "\(made.errors)")
      labels[offset] = made.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    return (team, labels)
  }

  @Test func membersInNewYorkAndTokyoSeeTheSameDaysOnTheCommandLine() throws {
    let (team, labels) = try Self.team()
    for person in ["ana", "ben"] {
      let zone = try team.run(["zone"], as: person)
      #expect(zone.output.contains("Europe/Berlin (set in the ledger)"), "\(zone.output)")
    }
    for command in [
      ["list", "--overdue", "--format", "json"], ["list", "--open", "--format", "tsv"], ["stats", "--format", "json"],
      ["stats", "--weekly", "--format", "json", "--show-rates"], ["stats", "--weekly"],
    ] {
      let newYork = try team.run(command, as: "ana")
      let tokyo = try team.run(command, as: "ben")
      #expect(newYork.status == 0 && tokyo.status == 0, "\(command): \(newYork.errors) \(tokyo.errors)")
      #expect(newYork.output == tokyo.output, "\(command) differs between New York and Tokyo")
    }
    // Overdue is what Berlin says: the two by-whens before its today, whatever the hour.
    let overdue = try team.run(["list", "--overdue", "--format", "tsv"], as: "ben").output
    for (offset, label) in labels { #expect(overdue.contains("\(label)\t") == (offset < 0), "\(label), due in \(offset) days") }
    #expect(try team.run(["stats", "--weekly", "--format", "json"], as: "ana").output.contains("\"zone\": \"Europe/Berlin\""))
    let log = try team.run(["log"], as: "ben").output
    #expect(log.contains("set the team's time zone to Europe/Berlin"), "\(log)")
  }

  @Test(.needs(.tmux)) func twoBoardsInNewYorkAndTokyoShowTheSameOverdue() throws {
    let (team, labels) = try Self.team()
    let ana = try TmuxSession(command: BinaryRunner.executable.path, environment: team.screenEnvironment("ana"))
    let ben = try TmuxSession(command: BinaryRunner.executable.path, environment: team.screenEnvironment("ben"))
    let overdueTitle = "Overdue accountings (2)"
    let newYork = try #require(try ana.waitFor(overdueTitle), "ana's board shows the two overdue")
    let tokyo = try #require(try ben.waitFor(overdueTitle), "ben's board shows the two overdue")
    // The rows that say how late, and the header's figures, are the same on both boards.
    func lateRows(_ screen: String) -> [String] { screen.split(separator: "\n").map(String.init).filter { $0.contains(" late") } }
    #expect(lateRows(newYork) == lateRows(tokyo))
    #expect(lateRows(newYork).count >= 2)
    for label in [labels[-2], labels[-1]].compactMap({ $0 }) { #expect(newYork.contains(label)) }
    for screen in [newYork, tokyo] {
      #expect(screen.contains("times in Europe/Berlin"), "the board says whose clock it shows")
      #expect(screen.contains("on time by week"))
    }
    let figures = { (screen: String) in screen.split(separator: "\n").first { $0.contains("unaccounted") }.map(String.init) }
    #expect(figures(newYork) == figures(tokyo))
    try ana.send("q")
    try ben.send("q")
  }

  @Test func aMemberChangesTheZoneAndAWrongOneIsRefusedWithTheFix() throws {
    var team = try TeamSetup(zone: "Europe/Berlin")
    team.machineZones = ["ana": "America/New_York"]
    let wrong = try team.run(["zone", "set", "Mars/Olympus_Mons"], as: "ana")
    #expect(wrong.status != 0)
    #expect(wrong.errors.contains("\"Mars/Olympus_Mons\" is not a time zone: name one from the time zone database"), "\(wrong.errors)")
    let path = try team.run(["zone", "set", "../../etc/passwd"], as: "ana")
    #expect(path.status != 0)
    let moved = try team.run(["zone", "set", "Asia/Tokyo", "--note", "the team moved"], as: "ana")
    #expect(moved.status == 0, "\(moved.errors)")
    #expect(moved.output.contains("the team's time zone is now Asia/Tokyo"))
    #expect(try team.run(["zone"], as: "ben").output.contains("Asia/Tokyo (set in the ledger)"))
    let same = try team.run(["zone", "set", "Asia/Tokyo"], as: "ben")
    #expect(same.status != 0 && same.errors.contains("already Asia/Tokyo"), "\(same.errors)")
    let log = try team.run(["log"], as: "ben").output
    #expect(log.contains("set the team's time zone to Asia/Tokyo") && log.contains("the team moved"), "\(log)")
  }
}

/// `store init` records the zone of the machine it runs on unless told one; on a ledger that
/// already holds events a zone is a member's move, and init says so.
@Suite(.serialized, .needs(.postgreSQL))
struct TeamClockSetUpTests {
  @Test func initRecordsTheOwnersMachineZoneAndThenLeavesItToMembers() throws {
    let server = try TestPostgres.shared.get()
    let database = try server.createDatabase()
    let owner = server.url(database, user: "owner")
    var environment = BinaryRunner().environment
    environment["TZ"] = "Asia/Tokyo"
    environment["BREAKTHROUGH_STORE"] = nil
    let initialized = try Spawn.run(BinaryRunner.executable.path, ["store", "init", "--store", owner], environment: environment)
    let said = String(decoding: initialized.output, as: UTF8.self)
    #expect(initialized.status == 0 && said.contains("the team's time zone is Asia/Tokyo"), "\(said)")
    let again = try Spawn.run(
      BinaryRunner.executable.path, ["store", "init", "--store", owner, "--zone", "Europe/Berlin"], environment: environment)
    #expect(again.status != 0)
    #expect(String(decoding: again.errors, as: UTF8.self).contains("`breakthrough zone set Europe/Berlin`"))
    let both = try Spawn.run(
      BinaryRunner.executable.path, ["store", "init", "--store", owner, "--zone", "Europe/Berlin", "--no-zone"], environment: environment)
    #expect(both.status != 0)
  }
}
