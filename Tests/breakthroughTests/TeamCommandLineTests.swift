import BreakthroughTestSupport
import Foundation
import Testing

/// The command line on a team ledger: who you are comes from the server, bad URLs and an
/// unreachable server are named with their fix, and a password never shows.
@Suite(.enabled(if: TeamSetup.isAvailable, "needs PostgreSQL (apt-get install postgresql)"))
struct TeamCommandLineTests {
  @Test func youAreWhoYourLoginIs() throws {
    let team = try TeamSetup()
    var environment = team.environment("ben")
    environment["USER"] = "ana"  // a login name on this machine is not who you are on the team
    let made = try Spawn.run(
      BinaryRunner.executable.path, ["promise", "Review the deck", "--to", "ana", "--by", "+2d"], environment: environment)
    #expect(made.status == 0)
    #expect(try team.run(["show", "P1"], as: "cy").output.contains("ben promised ana"))
    let asAna = try team.run(["done", "P1", "--as", "ana"], as: "ben")
    #expect(asAna.status != 0)
    #expect(asAna.errors.contains("you are ben on the team ledger at ben@"), "\(asAna.errors)")
    #expect(asAna.errors.contains("so you cannot act as ana: each person records as themself"))
    #expect(try team.run(["done", "P1", "--as", "ben"], as: "ben").status == 0, "naming yourself is fine")
    #expect(try team.run(["log"], as: "ana").output.split(separator: "\n").count == 2)
  }

  @Test func theStoreCanComeFromTheConfigFile() throws {
    let team = try TeamSetup()
    let config = NSTemporaryDirectory() + "config-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: config + "/breakthrough", withIntermediateDirectories: true)
    try "store = \"\(team.url("cy"))\"\n".write(toFile: config + "/breakthrough/config.toml", atomically: true, encoding: .utf8)
    var environment = team.environment("cy")
    environment["BREAKTHROUGH_STORE"] = nil
    environment["XDG_CONFIG_HOME"] = config
    let made = try Spawn.run(
      BinaryRunner.executable.path, ["promise", "From the config", "--to", "ana", "--by", "+2d"], environment: environment)
    #expect(made.status == 0, "\(String(decoding: made.errors, as: UTF8.self))")
    #expect(try team.run(["list"], as: "ana").output.contains("From the config"))
  }

  @Test func badPlacesAreNamedWithTheirFixAndNoPassword() throws {
    let server = try TestPostgres.shared.get()
    let cli = BinaryRunner()
    let cases: [(url: String, says: String)] = [
      (
        "postgres://ana:hunter2@/nope?host=\(server.folder)&bogus=1",
        "the team ledger's URL is not valid (invalid URI query parameter: \"bogus\")"
      ),
      ("postgres://ana:hunter2@127.0.0.1:1/team", "cannot reach the team ledger at ana@127.0.0.1:1/team"),
      (
        "postgres://ana:hunter2@/no_such_database?host=\(server.folder)",
        "refused the connection: database \"no_such_database\" does not exist"
      ),
      ("postgres://pat:hunter2@/postgres?host=\(server.folder)", "password authentication failed for user \"pat\"; check the password"),
    ]
    for (url, says) in cases {
      let result = try cli.run(["list", "--store", url])
      #expect(result.status != 0, "\(url)")
      #expect(result.errors.contains(says), "\(result.errors)")
      #expect(!result.errors.contains("hunter2") && !result.output.contains("hunter2"), "the password never shows")
    }
  }
}

/// Imports and recorded meetings go through the server like every other move.
@Suite(.enabled(if: TeamSetup.isAvailable, "needs PostgreSQL (apt-get install postgresql)"))
struct TeamInterchangeTests {
  @Test func aTaskwarriorImportAndARecordedMeetingReachEveryone() throws {
    let team = try TeamSetup()
    let taskwarrior = try Taskwarrior()
    try taskwarrior.fillWithEveryKind()
    let export = NSTemporaryDirectory() + "team-tasks-\(UUID().uuidString).json"
    try taskwarrior.export().write(to: URL(fileURLWithPath: export))
    defer { try? FileManager.default.removeItem(atPath: export) }
    let imported = try team.run(["import", "taskwarrior", export, "--to", "ana", "--yes"], as: "ben")
    #expect(imported.status == 0, "\(imported.errors)")
    #expect(imported.output.contains("imported 4 promises as P1–P4"))
    let forSomeoneElse = try team.run(["import", "taskwarrior", export, "--to", "ana", "--from", "cy", "--yes"], as: "ben")
    #expect(forSomeoneElse.status != 0 && forSomeoneElse.errors.contains("so you cannot act as cy"))
    #expect(try team.run(["list"], as: "ana").output.components(separatedBy: "ben → ana").count == 5)
    #expect(try team.run(["minutes", "--record"], as: "ana").status == 0)
    let next = try team.run(["minutes"], as: "cy")
    #expect(next.output.contains("Since the meeting recorded") && next.output.contains("by ana"), "\(next.output)")
  }
}
