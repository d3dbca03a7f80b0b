import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Where the tests write their files: one folder for this test process, made on first use and
/// removed, with everything in it, when the process ends, after the work given to `atEnd`
/// (the test servers stop there). A test server's cluster alone is hundreds of megabytes, so
/// a run must leave the disk as it found it. Folders of test processes that were killed are
/// removed on a later first use (once untouched for ten minutes), after their servers are
/// stopped.
///
/// It is under `/tmp`, whatever `TMPDIR` says, so that a server's socket path stays short.
public enum Scratch {
  /// The folder of this process's files, ending in `/` as `Scratch.directory` does.
  public static var directory: String { made.path + "/" }

  /// The folder as a file URL.
  public static var url: URL { URL(fileURLWithPath: made.path, isDirectory: true) }

  /// Runs `work` when the process ends, before the folder is removed; the last given runs first.
  public static func atEnd(_ work: @escaping @Sendable () -> Void) {
    _ = made
    endings.withLock { $0.append(work) }
  }

  static let prefix = "breakthrough-tests-"
  static let parent = "/tmp/"

  private struct Made: Sendable { let path: String }

  private static let endings = Mutex<[@Sendable () -> Void]>([])

  private static let made: Made = {
    removeAbandoned()
    let path = parent + prefix + String(getpid())
    try? FileManager.default.removeItem(atPath: path)
    mkdir(path, 0o755)
    atexit {
      for work in Scratch.endings.withLock({ $0 }).reversed() { work() }
      // A detached copy that writes a snapshot may still be adding a file: try again a little.
      let path = Scratch.parent + Scratch.prefix + String(getpid())
      for _ in 0..<20 where FileManager.default.fileExists(atPath: path) {
        try? FileManager.default.removeItem(atPath: path)
        usleep(50_000)
      }
    }
    return Made(path: path)
  }()

  /// Removes the folders of test processes that are gone, stopping the servers they left.
  /// Only folders untouched for `idle` seconds: a run in another process namespace sharing
  /// `/tmp` has a number this one cannot see.
  public static func removeAbandoned(idle: TimeInterval = 600) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
    for name in names where name.hasPrefix(prefix) {
      let folder = parent + name
      guard let pid = pid_t(name.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH,
        let touched = (try? FileManager.default.attributesOfItem(atPath: folder))?[.modificationDate] as? Date,
        -touched.timeIntervalSinceNow >= idle
      else { continue }
      for server in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
        let first = (try? String(contentsOfFile: "\(folder)/\(server)/data/postmaster.pid", encoding: .utf8))?.split(separator: "\n").first
        // The number may be another program's by now: only a server is stopped.
        guard let first, let serverPID = pid_t(first),
          (try? String(contentsOfFile: "/proc/\(serverPID)/comm", encoding: .utf8))?.hasPrefix("postgres") == true
        else { continue }
        kill(serverPID, SIGQUIT)
      }
      try? FileManager.default.removeItem(atPath: folder)
    }
  }
}
