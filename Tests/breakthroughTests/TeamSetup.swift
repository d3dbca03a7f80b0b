import BreakthroughTestSupport
import Foundation
import Testing

/// A team ledger set up the way docs/TEAM.md says, with the real binary: a database on the test
/// server, `store init` as its owner, `store member add` for ana, ben and cy. Each person gets
/// an environment of their own: their login in the URL, and a cache folder of their own, as
/// if at their own machine. The ledger names no time zone unless `zone` is given (so that the
/// first event is the test's own).
struct TeamSetup {
  let server: TestPostgres
  let database: String

  /// Each person's machine's zone (`TZ`); UTC for anyone not named.
  var machineZones: [String: String] = [:]

  init(server: TestPostgres? = nil, zone: String? = nil) throws {
    self.server = try server ?? TestPostgres.shared.get()
    database = try self.server.createDatabase()
    let owner = self.server.url(database, user: "owner")
    let zoneArguments = zone.map { ["--zone", $0] } ?? ["--no-zone"]
    #expect(try BinaryRunner().run(["store", "init", "--store", owner] + zoneArguments).status == 0)
    for person in ["ana", "ben", "cy"] {
      let added = try BinaryRunner().run(["store", "member", "add", person, "--store", owner])
      #expect(added.status == 0, "\(added.errors)")
    }
  }

  func url(_ person: String) -> String { server.url(database, user: person) }

  /// `person`'s environment: the team ledger as their store, their own cache, their machine's zone.
  func environment(_ person: String) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["BREAKTHROUGH_STORE"] = url(person)
    environment["BREAKTHROUGH_USER"] = nil
    environment["XDG_CACHE_HOME"] = Scratch.directory + "cache-\(person)-\(database)"
    environment["TZ"] = machineZones[person] ?? "UTC"
    environment["LANG"] = "C.UTF-8"
    environment["LC_ALL"] = nil
    return environment
  }

  /// What a screen in tmux needs of `person`'s environment, and nothing else.
  func screenEnvironment(_ person: String) -> [String: String] {
    let full = environment(person)
    return [
      "BREAKTHROUGH_STORE": url(person), "XDG_CACHE_HOME": full["XDG_CACHE_HOME"] ?? "", "TZ": full["TZ"] ?? "UTC", "LANG": "C.UTF-8",
      "HOME": Scratch.directory,
    ]
  }

  /// Runs `breakthrough ARGUMENTS` as `person`, at the store `store` when it is not their URL
  /// (or another `executable`, such as strace running it, with `person`'s environment).
  func run(_ arguments: [String], as person: String, store: String? = nil, executable: String? = nil) throws -> BinaryRunner.Result {
    var environment = environment(person)
    if let store { environment["BREAKTHROUGH_STORE"] = store }
    let finished = try Spawn.run(executable ?? BinaryRunner.executable.path, arguments, environment: environment)
    return BinaryRunner.Result(
      status: finished.status, output: String(decoding: finished.output, as: UTF8.self),
      errors: String(decoding: finished.errors, as: UTF8.self), rawOutput: finished.output, rawErrors: finished.errors)
  }
}
