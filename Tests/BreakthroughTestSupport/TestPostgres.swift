import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A throwaway PostgreSQL server for the tests: a cluster in a temporary folder, reached only
/// through a unix socket in that folder (so parallel runs never meet), stopped by its pid
/// when the test process ends. Roles `owner` (owns each team database), `ana`, `ben` and
/// `cy` log in without a password; `pat` needs the password `right-secret`.
public final class TestPostgres: @unchecked Sendable {
  /// Why there is no server: PostgreSQL's programs are not installed here.
  public struct Unavailable: Error, CustomStringConvertible {
    public let description: String
  }

  public let folder: String
  private let binaries: String

  /// The server every test of this process shares, started on first use.
  public static let shared: Result<TestPostgres, Unavailable> = {
    do throws(Unavailable) { return .success(try TestPostgres()) } catch { return .failure(error) }
  }()

  /// The folder of the server's programs (`initdb`, `pg_ctl`), when PostgreSQL is installed.
  public static let serverPrograms: String? = findBinaries()

  /// Starts a new server (each call its own cluster).
  public init() throws(Unavailable) {
    guard let binaries = Self.serverPrograms, Prerequisite.postgreSQL.path != nil else {
      throw Unavailable(description: Prerequisite.postgreSQL.missing)
    }
    self.binaries = binaries
    let template = "/tmp/bt-pg-XXXXXX"
    var name = Array(template.utf8CString)
    guard let made = mkdtemp(&name) else { throw Unavailable(description: "cannot make a folder for the test server") }
    folder = String(cString: made)
    if getuid() == 0, let user = getpwnam("postgres") { chown(folder, user.pointee.pw_uid, user.pointee.pw_gid) }
    let initialized = run(
      binaries + "/initdb", ["-D", folder + "/data", "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"], asServer: true)
    guard initialized.status == 0 else { throw Unavailable(description: "initdb failed: \(initialized.output)") }
    let rules = "local all pat scram-sha-256\nlocal all all trust\n"
    FileManager.default.createFile(atPath: folder + "/data/pg_hba.conf", contents: Data(rules.utf8))
    if getuid() == 0, let user = getpwnam("postgres") { chown(folder + "/data/pg_hba.conf", user.pointee.pw_uid, user.pointee.pw_gid) }
    try start()
    TestPostgres.running.append(self)
    if TestPostgres.running.count == 1 { atexit { for server in TestPostgres.running { server.stop() } } }
    for statement in [
      "create role owner login createdb", "create role ana login", "create role ben login", "create role cy login",
      "create role pat login password 'right-secret'",
    ] {
      _ = try psql(statement)
    }
  }

  nonisolated(unsafe) private static var running: [TestPostgres] = []

  /// Starts the server (again).
  public func start() throws(Unavailable) {
    let options = "-c listen_addresses='' -c unix_socket_directories='\(folder)' -c fsync=off"
    let started = run(
      binaries + "/pg_ctl", ["-D", folder + "/data", "-w", "-o", options, "-l", folder + "/log", "start"], asServer: true)
    guard started.status == 0 else {
      let log = (try? String(contentsOfFile: folder + "/log", encoding: .utf8)) ?? ""
      throw Unavailable(description: "the test server did not start: \(log)")
    }
  }

  /// Stops the server, at once, as a crash or an outage would.
  public func stop() {
    _ = run(binaries + "/pg_ctl", ["-D", folder + "/data", "-m", "immediate", "-w", "stop"], asServer: true)
  }

  /// The URL of `database` for `user`, through the socket.
  public func url(_ database: String, user: String) -> String {
    "postgres:///\(database)?host=\(folder)&user=\(user)"
  }

  /// A new, empty database owned by `owner`; returns its name.
  public func createDatabase() throws(Unavailable) -> String {
    let name = "team_" + UUID().uuidString.prefix(8).lowercased()
    _ = try psql("create database \(name) owner owner")
    return name
  }

  /// Runs SQL through the real `psql` as `user`; returns what it printed, or throws what it said.
  @discardableResult
  public func psql(_ sql: String, database: String = "postgres", user: String = "postgres") throws(Unavailable) -> String {
    let result = run(
      Prerequisite.postgreSQL.path ?? "psql",
      ["-h", folder, "-U", user, "-d", database, "-v", "ON_ERROR_STOP=1", "-X", "-q", "-A", "-t", "-c", sql])
    guard result.status == 0 else { throw Unavailable(description: result.output) }
    return result.output
  }

  /// Runs a program to its end (as the `postgres` user for the server's programs, when the
  /// tests run as root, since initdb refuses root), with what it printed.
  private func run(_ program: String, _ arguments: [String], asServer: Bool = false) -> (status: Int32, output: String) {
    let (executable, all) =
      asServer && getuid() == 0 ? ("/usr/sbin/runuser", ["-u", "postgres", "--", program] + arguments) : (program, arguments)
    guard let finished = try? Spawn.run(executable, all, environment: ProcessInfo.processInfo.environment) else {
      return (-1, "cannot start \(program)")
    }
    let output = String(decoding: finished.output + finished.errors, as: UTF8.self)
    return (finished.status, output.trimmingCharacters(in: .whitespacesAndNewlines))
  }

  private static func findBinaries() -> String? {
    let root = "/usr/lib/postgresql"
    let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
    return versions.reversed().map { "\(root)/\($0)/bin" }.first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }
  }
}
