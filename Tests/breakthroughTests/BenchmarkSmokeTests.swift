import BreakthroughCore
import BreakthroughStore
import BreakthroughTestSupport
import Foundation
import Testing

/// The benchmark runs at 1,000 promises and prints every figure it promises (no time limits
/// here: the figures live in docs/PERFORMANCE.md, measured in a release build).
@Suite struct BenchmarkSmokeTests {
  @Test func theBenchmarkRunsAndPrintsAllItsKeys() throws {
    let finished = try Spawn.run(
      BinaryRunner.bench.path, ["run", "--promises", "1000", "--json"],
      environment: ProcessInfo.processInfo.environment)
    let output = String(decoding: finished.output, as: UTF8.self)
    #expect(finished.status == 0, "\(String(decoding: finished.errors, as: UTF8.self))")
    let figures = try JSONParser.parse(output)
    guard case .object(let members) = figures else {
      Issue.record("not one JSON object: \(output)")
      return
    }
    let keys = [
      "open_ms", "first_frame_ms", "key_median_us", "key_p99_us", "filter_key_median_ms",
      "append_median_ms", "move_median_ms", "move_p99_ms", "fold_append_ms", "measures_ms", "reasons_ms", "weekly_ms",
      "stats_weekly_ms", "stats_reasons_ms", "peak_rss_mb",
    ]
    #expect(members.map(\.key) == keys)
    for (key, value) in members {
      guard case .number(let number) = value else {
        Issue.record("\(key) is not a number")
        continue
      }
      #expect(number > 0, "\(key) was measured")
    }
  }

  @Test(.needs(.postgreSQL))
  func theTeamBenchmarkRunsAndPrintsAllItsKeys() throws {
    let server = try TestPostgres.shared.get()
    let database = try server.createDatabase()
    var environment = ProcessInfo.processInfo.environment
    environment["XDG_CACHE_HOME"] = Scratch.directory + "bench-cache-\(database)"
    let finished = try Spawn.run(
      BinaryRunner.bench.path,
      [
        "team", "--owner", server.url(database, user: "owner"), "--member", server.url(database, user: "ana"), "--promises", "300",
        "--json",
      ],
      environment: environment)
    let output = String(decoding: finished.output, as: UTF8.self)
    #expect(finished.status == 0, "\(String(decoding: finished.errors, as: UTF8.self))")
    guard case .object(let members) = try JSONParser.parse(output) else {
      Issue.record("not one JSON object: \(output)")
      return
    }
    #expect(
      members.map(\.key) == [
        "open_cold_ms", "open_warm_ms", "append_median_ms", "append_p99_ms", "seen_median_ms", "seen_p99_ms", "writers4_per_s",
        "chain_append_us", "chain_first_read_ms", "chain_first_read_pct",
      ])
    for (key, value) in members {
      guard case .number(let number) = value else {
        Issue.record("\(key) is not a number")
        continue
      }
      #expect(number > 0, "\(key) was measured")
    }
    // 300 imported, 1 + 200 + 100 appended, 4 × 250 by the writers: every number once.
    #expect(try server.psql("select count(distinct label) from events where label like 'P%'", database: database) == "1601")
  }

  @Test(.needs(.postgreSQL), .needs(.openSSL))
  func theTeamBenchmarkAtADistanceMeasuresTheLoginItIsToldOf() throws {
    let distance = try Distance()
    let measured = try distance.measure("cert")
    #expect(measured.status == 0, "\(measured.errors)")
    #expect(measured.output.contains("0 ms round trips, login by cert"), "\(measured.output)")
    #expect(
      Array(Distance.roundTrips(in: measured.output).keys).sorted() == ["another's", "board", "done", "list", "promise", "show", "stats"])
    let refused = try distance.measure("scram")
    #expect(refused.status != 0)
    #expect(refused.errors.contains("--auth scram: the member's login was proved by your certificate (CN=ana), no password"))
  }

  /// PostgreSQL before 18 takes only P-256 for TLS 1.3's key exchange (the test server is held
  /// to it), and OpenSSL 3 guesses X25519: a command offers P-256 first, keeping what the
  /// machine's OpenSSL configuration sets (Ubuntu's sets a cipher string), and the server need
  /// not ask again. Counted by the bench's relay: TCP, the TLS request, the handshake, the
  /// login by certificate, the one query. At 50 ms round trips, medians of three runs: on a
  /// loaded machine with none, two writes of the client a moment apart could be counted as two
  /// turns.
  @Test(.needs(.postgreSQL), .needs(.openSSL))
  func aCommandAtADistanceTakesFiveRoundTripsAndTheMachinesTLSSettingsStand() throws {
    let distance = try Distance()
    // A configuration like Ubuntu's, with TLS 1.3's cipher narrowed to one that shows.
    let machine = try Self.openSSLConfiguration("Ciphersuites = TLS_AES_128_GCM_SHA256\nCipherString = DEFAULT:@SECLEVEL=2")
    let measured = try distance.measure("cert", roundTrip: 50, environment: ["OPENSSL_CONF": machine])
    #expect(measured.status == 0, "\(measured.errors)")
    let trips = Distance.roundTrips(in: measured.output)
    for command in ["list", "show", "stats", "promise", "done"] { #expect(trips[command] == 5, "\(command): \(measured.output)") }
    #expect(trips["board"] == 1, "\(measured.output)")
    let database = try distance.server.createDatabase()
    let environment = ProcessInfo.processInfo.environment.merging(["OPENSSL_CONF": machine]) { $1 }
    let made = try Spawn.run(
      BinaryRunner.executable.path, ["store", "init", "--no-zone", "--store", distance.server.url(database, user: "owner")],
      environment: environment)
    let added = try Spawn.run(
      BinaryRunner.executable.path, ["store", "member", "add", "ana", "--store", distance.server.url(database, user: "owner")],
      environment: environment)
    #expect(made.status == 0 && added.status == 0, "\(String(decoding: made.errors + added.errors, as: UTF8.self))")
    let check = try Spawn.run(
      BinaryRunner.executable.path, ["store", "check", "--store", distance.member(database)], environment: environment)
    #expect(
      String(decoding: check.output, as: UTF8.self).contains("certificate verified (sslmode=verify-full), TLSv1.3 TLS_AES_128_GCM_SHA256"),
      "\(String(decoding: check.output + check.errors, as: UTF8.self))")

    // A machine whose configuration chooses its groups, X25519 first: its choice stands, and
    // the server asks again.
    let chosen = try Self.openSSLConfiguration("Groups = X25519:P-256")
    let configured = try distance.measure("cert", roundTrip: 50, environment: ["OPENSSL_CONF": chosen])
    #expect(configured.status == 0, "\(configured.errors)")
    #expect(Distance.roundTrips(in: configured.output)["list"] == 6, "\(configured.output)")
  }

  /// An OpenSSL configuration file whose TLS settings for every program are `settings`.
  private static func openSSLConfiguration(_ settings: String) throws -> String {
    let file = Scratch.directory + "openssl-\(UUID().uuidString).cnf"
    try "openssl_conf = init\n[init]\nssl_conf = ssl\n[ssl]\nsystem_default = tls\n[tls]\n\(settings)\n"
      .write(toFile: file, atomically: true, encoding: .utf8)
    return file
  }

  /// A TLS server with a certificate login for `ana`, and `breakthrough-bench team --rtt 0`
  /// run against a new database on it.
  private struct Distance {
    let server: TestPostgres
    let certificate: String
    let key: String

    init() throws {
      server = try TestPostgres(tls: TestCertificates(logins: ["ana"]))
      (certificate, key) = try #require(server.certificates).files(of: "ana")
    }

    func measure(_ auth: String, roundTrip: Int = 0, environment extra: [String: String] = [:]) throws -> (
      status: Int32, output: String, errors: String
    ) {
      let database = try server.createDatabase()
      let member = try member(database)
      var environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
      environment["XDG_CACHE_HOME"] = Scratch.directory + "bench-cache-\(database)"
      let finished = try Spawn.run(
        BinaryRunner.bench.path,
        [
          "team", "--owner", server.url(database, user: "owner"), "--member", member, "--promises", "20", "--rtt", String(roundTrip),
          "--runs", roundTrip == 0 ? "1" : "3", "--auth", auth,
        ], environment: environment)
      return (
        finished.status, String(decoding: finished.output, as: UTF8.self), String(decoding: finished.errors, as: UTF8.self)
      )
    }

    /// `ana`'s URL of `database`, over TLS with her certificate.
    func member(_ database: String) throws -> String {
      try #require(server.tlsURL(database, user: "ana")) + "&sslcert=\(certificate)&sslkey=\(key)"
    }

    /// Each figure's first word and the round trips the relay counted for it.
    static func roundTrips(in output: String) -> [String: Int] {
      var trips: [String: Int] = [:]
      for line in output.split(separator: "\n").dropFirst(2) {
        let words = line.split(separator: " ")
        if let name = words.first, let last = words.last, let count = Int(last) { trips[String(name)] = count }
      }
      return trips
    }
  }

  @Test func generateWritesALedgerAndTheSameItemsForTaskwarrior() throws {
    let folder = Scratch.directory + "bench-\(UUID().uuidString)"
    let finished = try Spawn.run(
      BinaryRunner.bench.path,
      [
        "generate", "--promises", "500", "--out", folder + "/ledger.jsonl",
        "--taskwarrior", folder + "/tasks.json",
      ],
      environment: ProcessInfo.processInfo.environment)
    #expect(finished.status == 0)
    let ledger = try FileLedger(path: folder + "/ledger.jsonl")
    #expect(ledger.takeWarnings().isEmpty, "the generated ledger folds cleanly")
    #expect(ledger.state.promises.count == 500)
    #expect(ledger.state.currentBreakthrough != nil)
    let now = LocalMoment(Date(), in: .current)
    let overdue = ledger.state.promises.readEach().filter { $0.isOverdue(at: now) }.count
    #expect((25...100).contains(overdue), "about a tenth overdue: \(overdue)")
    #expect(ledger.state.people.count == 20)
    #expect(ledger.state.promises.readEach().contains { $0.what.contains("東京") || $0.performer.text == "李娜" })
    let tasks = try JSONParser.parse(String(contentsOfFile: folder + "/tasks.json", encoding: .utf8))
    guard case .array(let items) = tasks else {
      Issue.record("the Taskwarrior file is not an array")
      return
    }
    #expect(items.count == 500)
    let pending = items.filter { $0["status"] == .string("pending") }.count
    #expect(pending == ledger.state.promises.readEach().filter { !$0.state.isClosed }.count, "the same promises are open in both")
  }
}
