import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A throwaway PgBouncer in front of a `TestPostgres`, pooling in one mode, reached through a
/// unix socket in a folder of its own; logins ana, ben, cy and owner pass through to the
/// server as themselves. Stopped by its pid when let go.
public final class TestPgBouncer {
  public enum PoolMode: String, Sendable { case session, transaction }

  public let folder: String
  private let port = 6432

  public init(before server: TestPostgres, mode: PoolMode) throws {
    let program = try Prerequisite.pgBouncer.located()
    var name = Array((Scratch.directory + "bt-pgb-XXXXXX").utf8CString)
    guard let made = mkdtemp(&name) else { throw Prerequisite.Missing(description: "cannot make a folder for PgBouncer") }
    folder = String(cString: made)
    let settings = """
      [databases]
      * = host=\(server.folder) port=\(server.port)
      [pgbouncer]
      listen_addr =
      listen_port = \(port)
      unix_socket_dir = \(folder)
      auth_type = trust
      auth_file = \(folder)/users.txt
      pool_mode = \(mode.rawValue)
      logfile = \(folder)/log
      pidfile = \(folder)/pid

      """
    FileManager.default.createFile(atPath: folder + "/pgbouncer.ini", contents: Data(settings.utf8))
    let users = ["owner", "ana", "ben", "cy"].map { "\"\($0)\" \"\"\n" }.joined()
    FileManager.default.createFile(atPath: folder + "/users.txt", contents: Data(users.utf8))
    // PgBouncer will not run as root: as the server's own user, as initdb.
    if getuid() == 0, let user = getpwnam("postgres") {
      for path in [folder, folder + "/pgbouncer.ini", folder + "/users.txt"] { chown(path, user.pointee.pw_uid, user.pointee.pw_gid) }
    }
    let settingsFile = folder + "/pgbouncer.ini"
    let (executable, arguments) =
      getuid() == 0 ? ("/usr/sbin/runuser", ["-u", "postgres", "--", program, "-d", settingsFile]) : (program, ["-d", settingsFile])
    let started = try Spawn.run(executable, arguments, environment: ProcessInfo.processInfo.environment)
    // Its socket's file appears before it listens, and just after it listens it may still turn
    // a client away: ready is when a query through it is answered (for at most ten seconds).
    let ready = { () -> Bool in
      guard started.status == 0, let psql = Prerequisite.postgreSQL.path else { return false }
      let asked = try? Spawn.run(
        psql, ["-h", self.folder, "-p", String(self.port), "-U", "owner", "-d", "postgres", "-X", "-q", "-A", "-t", "-c", "select 1"],
        environment: ProcessInfo.processInfo.environment)
      return asked?.status == 0
    }
    let deadline = Date().addingTimeInterval(10)
    while !ready(), Date() < deadline { usleep(100_000) }
    guard ready() else {
      let log = (try? String(contentsOfFile: folder + "/log", encoding: .utf8)) ?? String(decoding: started.errors, as: UTF8.self)
      throw Prerequisite.Missing(description: "PgBouncer did not start: \(log)")
    }
  }

  deinit {
    guard let text = try? String(contentsOfFile: folder + "/pid", encoding: .utf8) else { return }
    if let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) { kill(pid, SIGTERM) }
  }

  /// The URL of `database` for `user`, through the pooler.
  public func url(_ database: String, user: String) -> String {
    "postgres:///\(database)?host=\(folder)&port=\(port)&user=\(user)"
  }
}
