import BreakthroughTestSupport
import Foundation
import Testing

/// The command line on a team ledger: who you are comes from the server, bad URLs and an
/// unreachable server are named with their fix, and a password never shows.
@Suite(.needs(.postgreSQL))
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

  @Test func aLoginThatIsNoMemberIsToldSoWithTheFixNotTheServersRefusal() throws {
    let team = try TeamSetup()
    let pat = team.url("pat") + "&password=right-secret"
    let check = try team.run(["store", "check"], as: "pat", store: pat)
    #expect(check.status == 0, "\(check.errors)")
    #expect(check.output.contains("login        pat"), "\(check.output)")
    #expect(check.output.contains("none: not a member (the owner adds you with `breakthrough store member add HANDLE --role pat`)"))
    #expect(!(check.output + check.errors).contains("permission denied"), "\(check.output)\(check.errors)")
    #expect(!(check.output + check.errors).contains("right-secret"))
    let list = try team.run(["list"], as: "pat", store: pat)
    #expect(list.status != 0)
    #expect(list.errors.contains("the login pat is not a member of the team ledger at pat@"), "\(list.errors)")
  }

  @Test func aWriteFindsANumberGivenSinceThisMachineLastRead() throws {
    let team = try TeamSetup()
    #expect(try team.run(["promise", "From this desk", "--to", "ben", "--by", "+2d"], as: "ana").status == 0)
    // ana again, at another machine: P2, which the first machine has not read.
    var laptop = team.environment("ana")
    laptop["XDG_CACHE_HOME"] = Scratch.directory + "laptop-\(UUID().uuidString)"
    let made = try Spawn.run(
      BinaryRunner.executable.path, ["promise", "From the laptop", "--to", "ben", "--by", "+2d"], environment: laptop)
    #expect(made.status == 0)
    let done = try team.run(["done", "P2"], as: "ana")
    #expect(done.status == 0, "\(done.errors)")
    #expect(done.output.contains("P2"), "\(done.output)")
    let promised = try team.run(["promise", "Third", "--to", "ben", "--by", "+2d"], as: "ana")
    #expect(promised.output.contains("P3"), "\(promised.output)")
    #expect(try team.run(["log"], as: "cy").output.split(separator: "\n").count == 4, "one event per command, none twice")
  }

  @Test func theStoreCanComeFromTheConfigFile() throws {
    let team = try TeamSetup()
    let config = Scratch.directory + "config-\(UUID().uuidString)"
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
@Suite(.needs(.postgreSQL))
struct TeamInterchangeTests {
  @Test(.needs(.taskwarrior)) func aTaskwarriorImportAndARecordedMeetingReachEveryone() throws {
    let team = try TeamSetup()
    let taskwarrior = try Taskwarrior()
    try taskwarrior.fillWithEveryKind()
    let export = Scratch.directory + "team-tasks-\(UUID().uuidString).json"
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

/// The conversation on a team ledger: each person answers as themself, through the server.
@Suite(.needs(.postgreSQL))
struct TeamConversationTests {
  @Test func askCounterAcceptEnrollAndElementsThroughTheServer() throws {
    let team = try TeamSetup()
    #expect(try team.run(["declare", "Three teams", "--by", "+90d"], as: "ana").status == 0)
    #expect(try team.run(["element", "add", "A pilot customer"], as: "ana").output == "E1\n")
    #expect(try team.run(["request", "Call Acme", "--of", "ben", "--by", "+5d", "--for", "E1"], as: "ana").output == "R1\n")
    let notBen = try team.run(["promise", "R1"], as: "cy")
    #expect(notBen.status != 0 && notBen.errors.contains("only ben, who must answer it"))
    #expect(try team.run(["counter", "R1", "--by", "+8d", "--note", "travelling"], as: "ben").status == 0)
    let accepted = try team.run(["accept", "R1"], as: "ana")
    #expect(accepted.status == 0, "\(accepted.errors)")
    #expect(try team.run(["show", "P1"], as: "cy").output.contains("answers    R1"))
    #expect(try team.run(["enroll"], as: "ben").status == 0)
    #expect(try team.run(["not-yet", "--note", "a budget"], as: "cy").status == 0)
    #expect(try team.run(["enrollment"], as: "ana").output.contains("In: 2 of 3 (not yet: cy)"))
    #expect(try team.run(["elements"], as: "cy").output.contains("E1   promised"))
  }
}
