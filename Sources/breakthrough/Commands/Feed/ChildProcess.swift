import Foundation

/// A program the feed runs for one event: its standard input read from a file, its standard
/// error kept to say why it failed, its standard output the feed's own. A stop asked for while
/// it runs lets it finish (what it delivered is then recorded, not delivered again at the next
/// start), up to `graceOnStop`; after that it is ended, so the feed never waits long to exit.
struct ChildProcess {
  /// How long a program still running when a stop is asked for may take to finish.
  static let graceOnStop: TimeInterval = 10

  enum Outcome: Equatable {
    case succeeded
    /// Exited non-zero, or was killed: the last line it wrote to standard error, if any.
    case failed(String)
    /// Ended because the feed is stopping.
    case stopped
  }

  let executable: String
  let arguments: [String]

  /// Runs the program with `input` as its standard input, in `folder` (the feed's own
  /// temporary folder, where the input and the error output are kept while it runs).
  func run(input: Data, folder: String) -> Outcome {
    let inputPath = folder + "/input"
    let errorPath = folder + "/errors"
    guard FileManager.default.createFile(atPath: inputPath, contents: input, attributes: [.posixPermissions: 0o600]) else {
      return .failed("cannot write \(inputPath): \(String(cString: strerror(errno)))")
    }
    defer {
      unlink(inputPath)
      unlink(errorPath)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, inputPath, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // The child starts with the default dispositions, not the feed's stop handlers or its ignored SIGPIPE.
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for number in [SIGINT, SIGTERM, SIGPIPE] { sigaddset(&defaults, number) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let started = posix_spawnp(&pid, executable, &actions, &attributes, argv, environ)
    guard started == 0 else { return .failed("cannot start \(executable): \(String(cString: strerror(started)))") }
    var status: Int32 = 0
    var stopAskedAt: Date?
    var ended = false
    while true {
      let reaped = waitpid(pid, &status, WNOHANG)
      if reaped == pid || (reaped < 0 && errno != EINTR) { break }
      if StopSignal.isRequested && stopAskedAt == nil { stopAskedAt = Date() }
      if let stopAskedAt, !ended, -stopAskedAt.timeIntervalSinceNow > Self.graceOnStop {
        ended = true
        kill(pid, SIGTERM)
      }
      usleep(10_000)
    }
    if ended { return .stopped }
    let exited = (status & 0x7F) == 0
    let code = (status >> 8) & 0xFF
    if exited && code == 0 { return .succeeded }
    let said = (try? String(contentsOfFile: errorPath, encoding: .utf8)).flatMap {
      $0.split(whereSeparator: \.isNewline).last.map(String.init)
    }
    let how = exited ? "exit status \(code)" : "killed by signal \(status & 0x7F)"
    return .failed(said.map { "\($0) (\(how))" } ?? how)
  }

  /// Whether `name` is a program on the PATH.
  static func isInstalled(_ name: String) -> Bool {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").contains { access("\($0)/\(name)", X_OK) == 0 }
  }
}
