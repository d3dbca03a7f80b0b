import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A throwaway PostgreSQL server for the tests: a cluster in a temporary folder, reached only
/// through a unix socket in that folder (so parallel runs never meet), stopped when the test
/// process ends, its folder then removed with the process's `Scratch`. Roles `owner` (owns each team database), `ana`, `ben` and
/// `cy` log in without a password; `pat` needs the password `right-secret`. A server made with
/// `tls` listens on a TCP port of 127.0.0.1 too, for TLS only: `pat` by password, every other
/// login by its certificate.
public final class TestPostgres: @unchecked Sendable {
  /// Why there is no server: PostgreSQL's programs are not installed here.
  public struct Unavailable: Error, CustomStringConvertible {
    public let description: String
  }

  public let folder: String
  /// The port of its socket and, with TLS, of 127.0.0.1.
  public let port: Int
  public let certificates: TestCertificates?
  private let binaries: String

  /// The server every test of this process shares, started on first use.
  public static let shared: Result<TestPostgres, Unavailable> = {
    do throws(Unavailable) { return .success(try TestPostgres()) } catch { return .failure(error) }
  }()

  /// The folder of the server's programs (`initdb`, `pg_ctl`), when PostgreSQL is installed.
  public static let serverPrograms: String? = findBinaries()

  /// Starts a new server (each call its own cluster), with TLS on TCP when `tls` is given.
  public init(tls: TestCertificates? = nil) throws(Unavailable) {
    guard let binaries = Self.serverPrograms, Prerequisite.postgreSQL.path != nil else {
      throw Unavailable(description: Prerequisite.postgreSQL.missing)
    }
    self.binaries = binaries
    certificates = tls
    port = tls == nil ? 5432 : Self.freePort()
    let template = Scratch.directory + "bt-pg-XXXXXX"
    var name = Array(template.utf8CString)
    guard let made = mkdtemp(&name) else { throw Unavailable(description: "cannot make a folder for the test server") }
    folder = String(cString: made)
    if getuid() == 0, let user = getpwnam("postgres") { chown(folder, user.pointee.pw_uid, user.pointee.pw_gid) }
    let initialized = run(
      binaries + "/initdb", ["-D", folder + "/data", "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"], asServer: true)
    guard initialized.status == 0 else { throw Unavailable(description: "initdb failed: \(initialized.output)") }
    var rules = "local all pat scram-sha-256\nlocal all all trust\n"
    if let tls {
      rules += "hostssl all pat 127.0.0.1/32 scram-sha-256\nhostssl all all 127.0.0.1/32 cert\n"
      // The server reads its key as its own user, and only a key no one else can read.
      for (from, to) in [(tls.serverCertificate, "server.crt"), (tls.serverKey, "server.key"), (tls.authority, "ca.crt")] {
        try? FileManager.default.copyItem(atPath: from, toPath: "\(folder)/data/\(to)")
      }
      chmod(folder + "/data/server.key", 0o600)
    }
    FileManager.default.createFile(atPath: folder + "/data/pg_hba.conf", contents: Data(rules.utf8))
    if getuid() == 0, let user = getpwnam("postgres") {
      for file in ["pg_hba.conf", "server.crt", "server.key", "ca.crt"] {
        chown("\(folder)/data/\(file)", user.pointee.pw_uid, user.pointee.pw_gid)
      }
    }
    try start()
    Scratch.atEnd { [self] in stop() }
    for statement in [
      "create role owner login createdb", "create role ana login", "create role ben login", "create role cy login",
      "create role pat login password 'right-secret'",
    ] {
      _ = try psql(statement)
    }
  }

  /// Starts the server (again).
  public func start() throws(Unavailable) {
    let listening = certificates == nil ? "" : "127.0.0.1"
    var options = "-c listen_addresses='\(listening)' -c unix_socket_directories='\(folder)' -c fsync=off -c port=\(port)"
    // P-256 alone for TLS's key exchange, as PostgreSQL before 18 has it: what a client's
    // first key share is measured against, whichever version is installed.
    if certificates != nil {
      options += " -c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key -c ssl_ca_file=ca.crt -c ssl_ecdh_curve=prime256v1"
    }
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
    "postgres:///\(database)?host=\(folder)&user=\(user)" + (port == 5432 ? "" : "&port=\(port)")
  }

  /// The URL of `database` for `user` over TCP with TLS, the server's certificate verified
  /// against the test's authority (nil without TLS); the login's certificate is the caller's to add.
  public func tlsURL(_ database: String, user: String) -> String? {
    certificates.map {
      "postgres://\(user)@localhost:\(port)/\(database)?hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert=\($0.authority)"
    }
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
      ["-h", folder, "-p", String(port), "-U", user, "-d", database, "-v", "ON_ERROR_STOP=1", "-X", "-q", "-A", "-t", "-c", sql])
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

  /// A TCP port of 127.0.0.1 that nothing listens on now.
  private static func freePort() -> Int {
    let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(probe) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(probe, $0, length) == 0 ? getsockname(probe, $0, &length) : -1 }
    }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  private static func findBinaries() -> String? {
    let root = "/usr/lib/postgresql"
    let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
    return versions.reversed().map { "\(root)/\($0)/bin" }.first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }
  }
}
