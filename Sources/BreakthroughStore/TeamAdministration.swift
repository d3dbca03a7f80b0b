import BreakthroughCore
import Foundation

/// What the owner of a team ledger's database does: set it up, add members, move a file
/// ledger in, take it out again, and check the connection. Each answers in sentences.
public struct TeamAdministration {
  public let location: TeamLocation
  private let connection: PostgresConnection

  public init(_ location: TeamLocation) throws(StoreError) {
    self.location = location
    do { connection = try PostgresConnection(location) } catch {
      throw StoreError.io(error.message)
    }
  }

  /// Creates the schema, or upgrades an older one; a current one is left as it is.
  public func initialize() throws(StoreError) -> String {
    try run { () throws(PostgresFailure) in
      try transaction { () throws(PostgresFailure) in
        try connection.execute("select pg_advisory_xact_lock(hashtext('breakthrough.schema'))")
        try connection.execute(TeamSchema.metaTable)
        let found = try connection.execute("select value from breakthrough_meta where key = 'schema_version'").first?.first ?? nil
        let version = found.flatMap { Int($0) } ?? 0
        guard version <= TeamSchema.version else {
          throw PostgresFailure(
            message: "the team ledger at \(location.place) has schema version \(version), newer than this breakthrough "
              + "understands (\(TeamSchema.version)): update breakthrough; nothing was changed")
        }
        let schema = (try connection.execute("select current_schema()").first?.first ?? nil) ?? "public"
        for statement in TeamSchema.statements(schema: schema) { try connection.execute(statement) }
        try connection.execute(
          "insert into breakthrough_meta (key, value) values ('schema_version', $1) on conflict (key) do update set value = excluded.value",
          [String(TeamSchema.version)])
        switch version {
        case 0:
          return
            "set up the team ledger at \(location.place) (schema version \(TeamSchema.version)); add members with `breakthrough store member add HANDLE`"
        case TeamSchema.version: return "the team ledger at \(location.place) is already set up (schema version \(version)); nothing to do"
        default:
          return "upgraded the team ledger at \(location.place) from schema version \(version) to \(TeamSchema.version): "
            + TeamSchema.upgrades(from: version).joined(separator: "; ")
        }
      }
    }
  }

  /// Records `zone` as the team's time zone, said by the owner, as the first event of an empty
  /// team ledger (the owner may write into an empty ledger, as an import does); members set it
  /// later with a move. Returns what was done, or nil when the ledger already holds events.
  public func recordZone(_ zone: String, at now: Date) throws(StoreError) -> String? {
    try run { () throws(PostgresFailure) in
      _ = try TeamLedger.schemaVersion(on: connection, at: location)
      let login = (try connection.execute("select session_user::text").first?.first ?? nil) ?? ""
      let owner: Handle
      let outcome: MoveOutcome
      do throws(Refusal) {
        owner = try Handle(login)
        outcome = try LedgerState().setZone(
          zone, note: nil, context: MoveContext(actor: owner, now: now, zone: TimeZone(secondsFromGMT: 0) ?? .current))
      } catch {
        throw PostgresFailure(message: "the team's time zone was not recorded: \(error.message)")
      }
      return try transaction { () throws(PostgresFailure) in
        try connection.execute("set local lock_timeout = '5s'")
        try connection.execute("lock table breakthrough_writer in exclusive mode")
        guard (try connection.execute("select count(*) from events").first?.first ?? nil) == "0" else { return nil }
        let rows = outcome.events.map { event in
          TeamSchema.Row(id: event.id, kind: event.body.kind.name, label: nil, actor: owner.text, line: EventCoding.line(for: event))
        }
        try TeamSchema.insert(rows[...], first: 1, on: connection)
        return "the team's time zone is \(zone): every end of day, week and date is worked out in it, on every machine"
      }
    }
  }

  /// Maps the login role `role` (made with `createuser`) to `handle`, and lets it read and add events.
  public func addMember(_ handle: Handle, role: String) throws(StoreError) -> String {
    try run { () throws(PostgresFailure) in
      _ = try TeamLedger.schemaVersion(on: connection, at: location)
      guard try !connection.execute("select 1 from pg_roles where rolname = $1", [role]).isEmpty else {
        throw PostgresFailure(
          message:
            "there is no login role named \(Escaping.forDisplay(role)) on that server: create it first with `createuser \(Escaping.forDisplay(role))`, then add it"
        )
      }
      let existing = try connection.execute("select handle, role::text from members where handle = $1 or role = $2", [handle.text, role])
      if let row = existing.first, row.count == 2, row[0] == handle.text, row[1] == role {
        return "\(handle) is already a member (login \(Escaping.forDisplay(role))); nothing to do"
      }
      if let row = existing.first {
        throw PostgresFailure(
          message: "\(Escaping.forDisplay(row[0] ?? "")) is already the member with login \(Escaping.forDisplay(row[1] ?? "")): "
            + "a handle has one login and a login one handle; nothing was changed")
      }
      try transaction { () throws(PostgresFailure) in
        try connection.execute("insert into members (handle, role) values ($1, $2)", [handle.text, role])
        for grant in TeamSchema.grants(to: role) { try connection.execute(grant) }
      }
      return "\(handle) is a member now: the login \(Escaping.forDisplay(role)) records as \(handle) and reads the whole ledger"
    }
  }

  /// Moves the ledger file at `path` into an empty team ledger, line for line, so that every
  /// number and every history stays as it was; in one transaction, so it is all or nothing.
  public func importLedger(from path: String) throws(StoreError) -> String {
    let file = try FileLedger(path: path)
    let rows = try Self.rows(ofLedgerAt: path)
    return try run { () throws(PostgresFailure) in
      _ = try TeamLedger.schemaVersion(on: connection, at: location)
      let owner = try connection.execute("select value, session_user::text from breakthrough_meta where key = 'owner'").first
      guard let owner, owner.count == 2, owner[0] == owner[1] else {
        throw PostgresFailure(
          message: "only the team ledger's owner (the login \(Escaping.forDisplay((owner?.first ?? nil) ?? "?"))) imports into it; "
            + "nothing was imported")
      }
      try transaction { () throws(PostgresFailure) in
        try connection.execute("set local lock_timeout = '5s'")
        try connection.execute("set local idle_in_transaction_session_timeout = '120s'")
        try connection.execute("lock table breakthrough_writer in exclusive mode")
        let count = try connection.execute("select count(*) from events").first?.first ?? nil
        guard count == "0" else {
          throw PostgresFailure(
            message:
              "the team ledger at \(location.place) already holds \(count ?? "some") events: a ledger is imported into an empty team only; nothing was imported"
          )
        }
        for start in stride(from: 0, to: rows.count, by: 1_000) {
          try TeamSchema.insert(rows[start..<min(start + 1_000, rows.count)], first: start + 1, on: connection)
        }
      }
      // Fresh statistics, so that a catch-up's range read uses the index from the first append.
      try connection.execute("analyze events")
      let promises = file.state.promises.count
      let numbers =
        promises == 0 ? "no promises" : promises == 1 ? "1 promise, P1" : "\(promises) promises, P1 to P\(file.state.nextNumber - 1)"
      return "imported \(rows.count) events (\(numbers)) from \(path) into the team ledger at \(location.place)"
    }
  }

  /// Every line of the team ledger, oldest first: the JSONL a ledger file holds.
  public func exportLines() throws(StoreError) -> [String] {
    try run { () throws(PostgresFailure) in
      _ = try TeamLedger.schemaVersion(on: connection, at: location)
      return try connection.execute("select line::text from events order by seq").map { ($0.first ?? nil) ?? "" }
    }
  }

  /// The chain of every event, checked from the first: its head, and the first event whose line
  /// no longer matches the hash it was written with, if any.
  public func verifyChain() throws(StoreError) -> (head: TeamChain, brokenAt: Int?) {
    try run { () throws(PostgresFailure) in
      var chain = TeamChain()
      var broken: Int?
      while true {
        let before = chain.count
        try connection.forEachLine(
          "select line::text, encode(hash, 'hex') from events where seq > $1 order by seq limit \(TeamLedger.batch)",
          [String(before)]
        ) { line, hex in
          let computed = chain.append(line)
          if let stored = TeamChain.bytes(hex: hex), stored != computed {
            broken = broken ?? chain.count
            chain.adopt(stored)
          }
        }
        if chain.count - before < TeamLedger.batch { return (chain, broken) }
      }
    }
  }

  /// What the server's trigger spends on the chain for each row it adds, in milliseconds: the
  /// time to read the row before's hash and hash it with a line, over the ledger's first
  /// `rows` rows, less the same reads without the hash (for `breakthrough-bench team`).
  public func serverChainCostPerRow(rows: Int) throws(StoreError) -> Double {
    try run { () throws(PostgresFailure) in
      func timed(_ expression: String) throws(PostgresFailure) -> Double {
        let sql =
          "select sum(length(\(expression))) from (select e.line, p.hash from events e join events p on p.seq = e.seq - 1 "
          + "order by e.seq limit $1) rows"
        var best = Double.infinity
        for _ in 0..<5 {
          let started = Date()
          try connection.execute(sql, [String(rows)])
          best = min(best, Date().timeIntervalSince(started))
        }
        return best
      }
      let hashed = try timed("sha256(hash || convert_to(line::text, 'UTF8'))")
      let plain = try timed("hash || convert_to(line::text, 'UTF8')")
      return max(0, hashed - plain) * 1_000 / Double(rows)
    }
  }

  /// What this machine last verified of this team ledger (its mirror under `mirrorFolder`), and
  /// whether the server still holds that head; nil when this machine never read it.
  public func machineView(mirrorFolder: String) throws(StoreError) -> (verified: TeamChain, agrees: Bool, alarm: String?)? {
    let mirrorPath = location.mirrorPath(in: mirrorFolder)
    let alarm = TeamAlarm.load(beside: mirrorPath)?.message
    guard let record = TeamChainRecord.load(beside: mirrorPath) else {
      return alarm.map { (TeamChain(), false, $0) }
    }
    let hash = try run { () throws(PostgresFailure) in
      try connection.execute("select encode(hash, 'hex') from events where seq = $1", [String(record.chain.count)]).first?.first ?? nil
    }
    return (record.chain, record.chain.count == 0 || hash == record.chain.hex, alarm)
  }

  /// The connection as the server sees it: version, TLS, login, handle, last event, round trip;
  /// and whether the login is a member (only members may read the ledger).
  public func check() throws(StoreError) -> (rows: [(name: String, value: String)], isMember: Bool) {
    try run { () throws(PostgresFailure) in
      let started = Date()
      for _ in 0..<3 { try connection.execute("select 1") }
      let roundTrip = Date().timeIntervalSince(started) / 3 * 1_000
      let version = try connection.execute("show server_version").first?.first ?? nil
      let login = (try connection.execute("select session_user::text").first?.first ?? nil) ?? "?"
      let mode = connection.setting("sslmode") ?? "prefer"
      let ssl = try connection.execute("select client_dn, version || ' ' || cipher from pg_stat_ssl where pid = pg_backend_pid()").first
      let certificate = ssl?.first ?? nil
      let suite = (ssl?.dropFirst().first ?? nil).map { ", \($0)" } ?? ""
      let tls =
        connection.usesTLS
        ? (["verify-full", "verify-ca"].contains(mode)
          ? "on, certificate verified (sslmode=\(mode))\(suite)" : "on, not verified (sslmode=\(mode))\(suite): use sslmode=verify-full")
        : "off (sslmode=\(mode)): across a network use sslmode=verify-full"
      let connected = [
        ("server", "\(location.redacted)"),
        ("version", "PostgreSQL \(version ?? "?")"),
        ("TLS", tls),
        ("login", login),
        ("proved by", Self.proof(usedPassword: connection.usedPassword, certificate: certificate)),
      ]
      let notMember = "none: not a member (the owner adds you with `breakthrough store member add HANDLE --role \(login)`)"
      let schema: Int
      do throws(PostgresFailure) { schema = try TeamLedger.schemaVersion(on: connection, at: location) } catch
        where error.sqlState == "42501"
      {
        // Only members may read the ledger: for anyone else the connection is all there is to show.
        return (connected + [("handle", notMember), ("round trip", String(format: "%.2f ms", roundTrip))], false)
      }
      let handle = try connection.execute("select handle from members where role = session_user").first?.first ?? nil
      guard let handle else {
        return (
          connected + [("handle", notMember), ("schema", "version \(schema)"), ("round trip", String(format: "%.2f ms", roundTrip))], false
        )
      }
      let last = try connection.execute("select max(seq)::text from events").first?.first ?? nil
      let lastPromise =
        try connection.execute("select label from events where label like 'P%' order by seq desc limit 1").first?.first ?? nil
      return (
        connected + [
          ("handle", handle),
          ("schema", "version \(schema)"),
          ("events", last.map { "\($0), the last promise \(lastPromise ?? "none")" } ?? "none yet"),
          ("round trip", String(format: "%.2f ms", roundTrip)),
        ], true
      )
    }
  }

  /// How the server let the login in, as far as a client can tell: the password it asked for,
  /// else the certificate this connection presented (`pg_hba.conf`'s `cert`), else neither.
  static func proof(usedPassword: Bool, certificate: String?) -> String {
    if usedPassword { return "a password" }
    guard let certificate, !certificate.isEmpty else {
      return "neither a password nor a certificate: the server trusts this connection (its pg_hba.conf says so)"
    }
    // PostgreSQL 15 writes the subject as `/CN=ana`.
    return "your certificate (\(certificate.hasPrefix("/") ? String(certificate.dropFirst()) : certificate)), no password"
  }

  /// Runs `body` in one transaction: all of it is committed, or none of it.
  private func transaction<Result>(_ body: () throws(PostgresFailure) -> Result) throws(PostgresFailure) -> Result {
    try connection.execute("begin")
    do throws(PostgresFailure) {
      let result = try body()
      try connection.execute("commit")
      return result
    } catch {
      _ = try? connection.execute("rollback")
      throw error
    }
  }

  /// Runs `body`, turning the server's failure into a sentence.
  private func run<Result>(_ body: () throws(PostgresFailure) -> Result) throws(StoreError) -> Result {
    do { return try body() } catch {
      let hint = error.hint.map { " (\($0))" } ?? ""
      throw StoreError.io(error.message + hint)
    }
  }

  /// The rows a ledger file becomes: each complete line as it is, with the columns the server
  /// checks. A damaged ledger is refused; a repeated event is left out, as the fold leaves it out.
  static func rows(ofLedgerAt path: String) throws(StoreError) -> [TeamSchema.Row] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw StoreError.io("cannot read \(path): no such file; name the ledger file to import")
    }
    var rows: [TeamSchema.Row] = []
    var ids: Set<String> = []
    var labels: Set<String> = []
    let text = String(decoding: data, as: UTF8.self)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last?.isEmpty == true { lines.removeLast() } else if !lines.isEmpty { lines.removeLast() }  // a torn last line
    for (number, line) in lines.enumerated() {
      let value: JSONValue
      do { value = try JSONParser.parse(String(line)) } catch {
        throw StoreError.damaged(path: path, line: number + 1, reason: "not JSON")
      }
      guard let id = value["id"]?.stringValue, let kind = value["kind"]?.stringValue, let actor = value["actor"]?.stringValue else {
        throw StoreError.damaged(path: path, line: number + 1, reason: "an event needs an id, a kind and an actor")
      }
      guard ids.insert(id).inserted else { continue }
      var label: String?
      if case .event(let event)? = try? EventCoding.decode(String(line)), let assigned = event.body.assignedLabel,
        labels.insert(assigned).inserted
      {
        label = assigned
      }
      rows.append(TeamSchema.Row(id: id, kind: kind, label: label, actor: actor, line: String(line)))
    }
    return rows
  }
}
