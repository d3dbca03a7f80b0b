import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a program with posix_spawn and waitpid, output to files: no run loop or Dispatch
/// source is involved, so it cannot starve when every test thread is busy waiting.
public enum Spawn {
  public struct Finished {
    public let status: Int32
    public let output: Data
    public let errors: Data
  }

  /// A started program; `wait()` reaps it.
  public struct Running {
    public let pid: pid_t
    let outputPath: String
    let errorPath: String

    /// What the program has printed so far, while it runs.
    public var printedSoFar: Data { FileManager.default.contents(atPath: outputPath) ?? Data() }

    public func wait() -> Finished {
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
      let exitStatus: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
      let output = FileManager.default.contents(atPath: outputPath) ?? Data()
      let errors = FileManager.default.contents(atPath: errorPath) ?? Data()
      try? FileManager.default.removeItem(atPath: outputPath)
      try? FileManager.default.removeItem(atPath: errorPath)
      return Finished(status: exitStatus, output: output, errors: errors)
    }
  }

  public static func start(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Running {
    let stem = Scratch.directory + "spawn-\(UUID().uuidString)"
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stem + ".out", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, stem + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // The child starts with no signals blocked, whatever this test thread blocks.
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var pid: pid_t = 0
    let result = posix_spawnp(&pid, executable, &actions, &attributes, argv, envp)
    guard result == 0 else { throw SpawnFailed(program: executable, code: result) }
    return Running(pid: pid, outputPath: stem + ".out", errorPath: stem + ".err")
  }

  public static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Finished {
    try start(executable, arguments, environment: environment).wait()
  }

  public struct SpawnFailed: Error, CustomStringConvertible {
    let program: String
    let code: Int32
    public var description: String { "cannot start \(program): \(String(cString: strerror(code)))" }
  }
}
