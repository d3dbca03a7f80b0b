import ArgumentParser
import BreakthroughCore
import BreakthroughStore
import Foundation

/// Measures the team ledger on a PostgreSQL server: opening with an empty and with a current
/// mirror, appending, how soon another client sees a move, and four writers at once.
struct TeamCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "team",
    abstract: "Import a generated ledger of N promises into an empty team ledger and measure it (needs a PostgreSQL server).")

  @Option(help: "The owner's URL of an empty database: it is set up and the ledger imported.") var owner: String
  @Option(help: "A member's URL: the login that appends and reads.") var member: String
  @Option(help: "The member's handle (the login role is the same).") var handle = "ana"
  @Option(help: "How many promises.") var promises: Int
  @Flag(help: "Print one JSON object instead of a table.") var json = false
  @Option(
    help: ArgumentHelp(
      "Measure only a person's commands and screens through a relay that adds this many milliseconds to each round trip.",
      valueName: "ms")) var rtt: Double?
  @Option(help: "How many runs each figure of --rtt is the median of.") var runs = 7
  @Option(
    help: ArgumentHelp(
      "How the member's URL logs in, checked before --rtt measures: scram (a password) or cert (sslcert= and sslkey= in the URL).",
      valueName: "scram|cert")) var auth = Authentication.scram

  /// How a login is proved to the server: its connection's cost differs by two round trips.
  enum Authentication: String, ExpressibleByArgument, CaseIterable {
    case scram, cert

    /// How `store check` says a login of this kind was proved.
    var proof: String { self == .scram ? "a password" : "your certificate" }
  }

  /// The figures, in order.
  static let keys = [
    "open_cold_ms", "open_warm_ms", "append_median_ms", "append_p99_ms", "seen_median_ms", "seen_p99_ms", "writers4_per_s",
    "chain_append_us", "chain_first_read_ms", "chain_first_read_pct",
  ]

  func run() throws {
    guard let ownerLocation = TeamLocation(owner), let memberLocation = TeamLocation(member) else {
      throw ValidationError("--owner and --member are postgres:// URLs")
    }
    let folder = NSTemporaryDirectory() + "breakthrough-team-bench-\(UUID().uuidString.prefix(8))"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/ledger.jsonl"
    _ = try GenerateCommand.write(promises: promises, ledger: path, taskwarrior: nil, now: Date())
    let administration = try TeamAdministration(ownerLocation)
    _ = try administration.initialize()
    _ = try administration.addMember(try Handle(handle), role: handle)
    _ = try administration.importLedger(from: path)

    if let rtt {
      let proof = try TeamAdministration(memberLocation).check().rows.first { $0.name == "proved by" }?.value ?? "?"
      guard proof.hasPrefix(auth.proof) else {
        throw ValidationError(
          "--auth \(auth.rawValue): the member's login was proved by \(proof); give a URL and a server (pg_hba.conf) that log in by "
            + (auth == .cert ? "certificate: sslcert=FILE&sslkey=FILE, and cert in pg_hba.conf" : "password: scram-sha-256 in pg_hba.conf"))
      }
      let distance = TeamRoundTrips(member: member, handle: try Handle(handle), roundTrip: rtt, runs: runs, folder: folder + "/distance")
      print(
        "team ledger, \(promises) promises, \(RunCommand.format(rtt)) ms round trips, login by \(auth.rawValue) (medians of \(runs) runs)")
      print(
        "what".padding(toLength: 22, withPad: " ", startingAt: 0) + "ms".padding(toLength: 10, withPad: " ", startingAt: 0) + "round trips")
      for figure in try distance.measure() {
        print(
          figure.name.padding(toLength: 22, withPad: " ", startingAt: 0)
            + RunCommand.format(figure.milliseconds).padding(toLength: 10, withPad: " ", startingAt: 0) + String(figure.roundTrips))
      }
      return
    }
    var figures: [String: Double] = ["promises": Double(promises)]
    let mirrors = folder + "/mirror"
    figures["open_cold_ms"] = try RunCommand.timed { _ = try TeamLedger(memberLocation, mirrorFolder: mirrors) }
    var writer: TeamLedger?
    figures["open_warm_ms"] = try RunCommand.timed { writer = try TeamLedger(memberLocation, mirrorFolder: mirrors) }
    // The chain's part of a first read: hashing every line as it comes, timed alone.
    let mirrorLines = try String(contentsOfFile: memberLocation.mirrorPath(in: mirrors), encoding: .utf8).split(separator: "\n")
    var chain = TeamChain()
    let verifying = try RunCommand.timed { for var line in mirrorLines { _ = line.withUTF8 { chain.append($0) } } }
    figures["chain_first_read_ms"] = verifying
    figures["chain_first_read_pct"] = verifying / max(0.001, (figures["open_cold_ms"] ?? 0) - verifying) * 100
    // The chain's part of an append: the server's hash of the row, and the client's.
    let clientPerRow = verifying / Double(max(1, mirrorLines.count))
    let serverPerRow = try administration.serverChainCostPerRow(rows: mirrorLines.count)
    figures["chain_append_us"] = (serverPerRow + clientPerRow) * 1_000
    guard let writer else { throw ExitCode(1) }
    let actor = try Handle(handle)
    let customer = try Handle("ben")
    func append(_ index: Int) throws {
      let context = MoveContext(actor: actor, now: Date(), zone: .current)
      try writer.append(
        .make(what: "Team benchmark \(index)", to: customer, by: ByWhen(day: context.localNow.day.adding(days: 3))), context: context)
    }
    try append(0)  // warm: the first append fills the caches both sides
    let appends = try (1...200).map { index in try RunCommand.timed { try append(index) } }
    figures["append_median_ms"] = RunCommand.percentile(appends, 0.5)
    figures["append_p99_ms"] = RunCommand.percentile(appends, 0.99)

    let reader = try TeamLedger(memberLocation, mirrorFolder: folder + "/reader", listening: true)
    let seen = try (1...100).map { index in
      try RunCommand.timed {
        let before = reader.state.promises.count
        try append(1_000 + index)
        while reader.state.promises.count == before {
          var watched = pollfd(fd: reader.changeDescriptor ?? -1, events: Int16(POLLIN), revents: 0)
          _ = poll(&watched, 1, 2_000)
          try reader.refresh()
        }
      }
    }
    figures["seen_median_ms"] = RunCommand.percentile(seen, 0.5)
    figures["seen_p99_ms"] = RunCommand.percentile(seen, 0.99)

    // The writers run at this machine: its mirror is current before they start, as at a desk.
    _ = try TeamLedger(memberLocation, mirrorFolder: StoreLocation.mirrorFolder(environment: ProcessInfo.processInfo.environment))
    let started = Date()
    let writers = (1...4).map { _ in RunCommand.startSelf(["append", "--store", member, "--count", "250"], quiet: true) }
    guard writers.allSatisfy({ RunCommand.wait($0) == 0 }) else { throw ValidationError("a concurrent writer failed") }
    figures["writers4_per_s"] = 1_000 / Date().timeIntervalSince(started)

    if json {
      print("{" + Self.keys.map { "\"\($0)\":\(RunCommand.format(figures[$0] ?? 0))" }.joined(separator: ",") + "}")
    } else {
      print("team ledger, \(promises) promises")
      for key in Self.keys { print(key.padding(toLength: 22, withPad: " ", startingAt: 0) + RunCommand.format(figures[key] ?? 0)) }
    }
  }
}
