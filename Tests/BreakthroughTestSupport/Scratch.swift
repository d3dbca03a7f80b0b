import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Where the tests write their files: one folder for this test process, made on first use and
/// removed, with everything in it, when the process ends, after the work given to `atEnd`
/// (the test servers stop there). A test server's cluster alone is hundreds of megabytes, so
/// a run must leave the disk as it found it. Folders of test processes that were killed are
/// removed on the next first use, after their servers are stopped.
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
  public static func removeAbandoned() {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
    for name in names where name.hasPrefix(prefix) {
      guard let pid = pid_t(name.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
      let folder = parent + name
      for server in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
        let first = (try? String(contentsOfFile: "\(folder)/\(server)/data/postmaster.pid", encoding: .utf8))?.split(separator: "\n").first
        if let first, let serverPID = pid_t(first) { kill(serverPID, SIGQUIT) }
      }
      try? FileManager.default.removeItem(atPath: folder)
    }
  }
}
