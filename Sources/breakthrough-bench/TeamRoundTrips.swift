import BreakthroughCore
import BreakthroughStore
import Foundation

/// A person's commands and screens on a team ledger at a distance: a `DelayingRelay` between
/// them and the server adds `roundTrip` milliseconds to every round trip. Each figure is the
/// median of `runs`, with the round trips the relay counted for one of them.
struct TeamRoundTrips {
  let member: String
  let handle: Handle
  let roundTrip: Double
  let runs: Int
  let folder: String

  struct Figure {
    let name: String
    let milliseconds: Double
    let roundTrips: Int
  }

  func measure() throws -> [Figure] {
    let relay = try DelayingRelay(to: try Self.upstream(of: member), roundTrip: roundTrip)
    let distant = Self.url(member, through: relay)
    let environment = ProcessInfo.processInfo.environment.merging(
      ["XDG_CACHE_HOME": folder + "/cache", "XDG_CONFIG_HOME": folder + "/config", "BREAKTHROUGH_STORE": distant, "NO_COLOR": "1"]
    ) { $1 }
    // A person's machine has read the ledger before: its copy is current when the runs begin.
    _ = try command(["list"], environment: environment)
    var figures: [Figure] = []
    var made: [String] = []
    for (name, arguments) in [
      ("list", ["list"]), ("show", ["show", "P1"]), ("stats", ["stats"]),
      ("promise", ["promise", "Measured at a distance", "--to", "ben", "--by", "+3d"]),
    ] {
      let timed = try (1...runs).map { _ in
        try relayed(relay) { made += Self.numbers(in: try command(arguments, environment: environment)) }
      }
      figures.append(Self.figure(name, timed))
    }
    let done = try made.suffix(runs).map { number in try relayed(relay) { _ = try command(["done", number], environment: environment) } }
    figures.append(Self.figure("done", done))

    let location = try Self.location(distant)
    let board = try TeamLedger(location, mirrorFolder: folder + "/board", listening: true)
    let moves = try (1...runs).map { index in
      try relayed(relay) {
        _ = try board.append(.make(what: "Board move \(index)", to: try Handle("ben"), by: byWhen()), context: context())
      }
    }
    figures.append(Self.figure("board move", moves))
    figures.append(try othersMove(seenBy: board, relay: relay))
    return figures
  }

  /// Another member's move, from the moment it committed (its writer, at the server, is told
  /// so) to the moment the distant board's state holds it.
  private func othersMove(seenBy board: TeamLedger, relay: DelayingRelay) throws -> Figure {
    let writer = try TeamLedger(try Self.location(member), mirrorFolder: folder + "/writer")
    let seen = try (1...runs).map { index in
      try board.refresh()
      let before = board.state.promises.count
      _ = try writer.append(.make(what: "Seen at a distance \(index)", to: try Handle("ben"), by: byWhen()), context: context())
      return try relayed(relay) {
        while board.state.promises.count == before {
          var watched = pollfd(fd: board.changeDescriptor ?? -1, events: Int16(POLLIN), revents: 0)
          _ = poll(&watched, 1, 2_000)
          try board.refresh()
        }
      }
    }
    return Self.figure("another's move seen", seen)
  }

  private func context() -> MoveContext { MoveContext(actor: handle, now: Date(), zone: .current) }

  private func byWhen() -> ByWhen { ByWhen(day: context().localNow.day.adding(days: 3)) }

  /// Times `work` and counts the round trips the relay carried meanwhile.
  private func relayed(_ relay: DelayingRelay, _ work: () throws -> Void) throws -> (Double, Int) {
    relay.resetCount()
    let milliseconds = try RunCommand.timed(work)
    return (milliseconds, relay.roundTrips)
  }

  private static func figure(_ name: String, _ runs: [(Double, Int)]) -> Figure {
    Figure(
      name: name, milliseconds: RunCommand.percentile(runs.map(\.0), 0.5),
      roundTrips: Int(RunCommand.percentile(runs.map { Double($0.1) }, 0.5)))
  }

  /// Runs the `breakthrough` beside this benchmark with `arguments`; what it printed, or a
  /// failure with what it said. Spawned and waited for directly, its output in files:
  /// Foundation's `Process.waitUntilExit` looks every 50 ms, which added up to 50 ms a command.
  private func command(_ arguments: [String], environment: [String: String]) throws -> String {
    let base = NSTemporaryDirectory() + "team-command-\(UUID().uuidString)"
    defer { [".out", ".err"].forEach { try? FileManager.default.removeItem(atPath: base + $0) } }
    let run = try Measured.run([Self.breakthrough.path] + arguments, environment: environment, output: base + ".out", errors: base + ".err")
    let printed = (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? ""
    guard run.exitStatus == 0 else {
      let said = (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? ""
      throw RelayedCommandFailed(description: "breakthrough \(arguments.joined(separator: " ")): " + said)
    }
    return printed
  }

  struct RelayedCommandFailed: Error, CustomStringConvertible {
    let description: String
  }

  private static var breakthrough: URL {
    URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("breakthrough")
  }

  private static func numbers(in output: String) -> [String] {
    output.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init).filter {
      $0.count > 1 && $0.first == "P" && $0.dropFirst().allSatisfy(\.isNumber)
    }.prefix(1).map { $0 }
  }

  private static func location(_ url: String) throws -> TeamLocation {
    guard let location = TeamLocation(url) else { throw DelayingRelay.RelayFailure("\(url) is not a postgres:// URL") }
    return location
  }

  /// Where the server of `url` listens: its unix socket (a `host` that is a folder) or its
  /// TCP port on this machine.
  static func upstream(of url: String) throws -> DelayingRelay.Upstream {
    guard let components = URLComponents(string: url) else { throw DelayingRelay.RelayFailure("\(url) is not a URL") }
    let query = components.queryItems ?? []
    let port = components.port ?? query.first { $0.name == "port" }?.value.flatMap { Int($0) } ?? 5432
    if let folder = query.first(where: { $0.name == "host" })?.value, folder.hasPrefix("/") {
      return .socket(path: "\(folder)/.s.PGSQL.\(port)")
    }
    return .tcp(port: UInt16(port))
  }

  /// `url` reaching its server through `relay`: the same host name (which TLS verifies), the
  /// relay's address and port.
  static func url(_ url: String, through relay: DelayingRelay) -> String {
    guard var components = URLComponents(string: url) else { return url }
    var query = (components.queryItems ?? []).filter { !["port", "hostaddr"].contains($0.name) }
    query.removeAll { $0.name == "host" && ($0.value ?? "").hasPrefix("/") }
    query += [URLQueryItem(name: "hostaddr", value: "127.0.0.1"), URLQueryItem(name: "port", value: String(relay.port))]
    components.port = nil
    if (components.host ?? "").isEmpty { components.host = "localhost" }
    components.queryItems = query
    return components.string ?? url
  }
}
