import ArgumentParser
import Foundation

/// Breakthrough and Taskwarrior side by side on the same items, each as a whole process,
/// measured in one run, alternating, with medians and ratios.
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Time `breakthrough list --overdue` against `task overdue`, and the first screen of each in tmux, on the same N items.")

  @Option(help: "How many promises (and tasks).") var promises: Int
  @Option(help: "How many alternating rounds.") var rounds = 7
  @Option(help: "The breakthrough binary to time: the one `make install` wrote (~/.local/bin/breakthrough), or a build's.")
  var breakthrough = "breakthrough"

  func run() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("breakthrough-compare-\(promises)").path
    try? FileManager.default.removeItem(atPath: folder)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let ledger = folder + "/ledger.jsonl"
    let tasks = folder + "/tasks.json"
    _ = try GenerateCommand.write(promises: promises, ledger: ledger, taskwarrior: tasks, now: Date())
    let taskrc = folder + "/taskrc"
    try "data.location=\(folder)/task\nconfirmation=off\nverbose=nothing\ncolor=off\nrecurrence=off\n"
      .write(toFile: taskrc, atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(atPath: folder + "/task", withIntermediateDirectories: true)
    var environment = ProcessInfo.processInfo.environment
    environment["TASKRC"] = taskrc
    environment["BREAKTHROUGH_STORE"] = ledger
    let imported = try Measured.run(["task", "import", tasks], environment: environment)
    print("task import: \(Measured.format(imported.milliseconds)) ms, \(Measured.format(imported.peakMegabytes)) MB")
    try compare("start-up", ours: [breakthrough, "--version"], theirs: ["task", "--version"], environment: environment)
    try compare(
      "list overdue", ours: [breakthrough, "list", "--overdue", "--format", "tsv"], theirs: ["task", "overdue"], environment: environment)
    var oursScreens: [Double] = []
    var theirsScreens: [Double] = []
    for round in 0..<min(rounds, 5) {
      oursScreens.append(
        try Measured.firstScreen("\(breakthrough) board --as ana", until: "Open promises", round: round, environment: environment))
      theirsScreens.append(try Measured.firstScreen("task list", until: "breakthrough", round: round, environment: environment))
    }
    let ourScreen = Measured.median(oursScreens)
    let theirScreen = Measured.median(theirsScreens)
    print(
      "first screen in tmux: breakthrough board \(Measured.format(ourScreen)) ms, task list \(Measured.format(theirScreen)) ms, "
        + "ratio \(Measured.format(theirScreen / ourScreen))x")
  }

  /// Each command once to warm up (Taskwarrior's first run after an import collects its
  /// garbage and rewrites its files; ours writes the snapshot), once under GNU time for its
  /// peak memory, then both alternately, `rounds` times, spawned directly so that no
  /// wrapper's start-up is timed with theirs.
  private func compare(_ what: String, ours: [String], theirs: [String], environment: [String: String]) throws {
    _ = try Measured.run(ours, environment: environment, output: "/dev/null")
    _ = try Measured.run(theirs, environment: environment, output: "/dev/null")
    let ourPeak = try Measured.run(ours, environment: environment).peakMegabytes
    let theirPeak = try Measured.run(theirs, environment: environment).peakMegabytes
    var ourTimes: [Double] = []
    var theirTimes: [Double] = []
    for _ in 0..<rounds {
      ourTimes.append(try Measured.run(ours, environment: environment, output: "/dev/null").milliseconds)
      theirTimes.append(try Measured.run(theirs, environment: environment, output: "/dev/null").milliseconds)
    }
    Measured.report(what, ours: (ourTimes, ourPeak), theirs: (theirTimes, theirPeak))
  }
}

/// One whole-process run: wall time and peak memory.
struct Measured {
  let milliseconds: Double
  let peakMegabytes: Double
  /// How the command exited (`wait4`'s status, decoded): 0 when it succeeded.
  var exitStatus: Int32 = 0

  /// Peak memory from GNU time, which reports the child's own (a child spawned with vfork would
  /// inherit this process's high-water mark in wait4's figure); the time includes GNU time's.
  static func run(_ command: [String], environment: [String: String]) throws -> Measured {
    let report = NSTemporaryDirectory() + "compare-\(UUID().uuidString).time"
    defer { try? FileManager.default.removeItem(atPath: report) }
    let wall = try run(["/usr/bin/time", "-f", "%M", "-o", report] + command, environment: environment, output: "/dev/null")
    let kilobytes = Double((try? String(contentsOfFile: report, encoding: .utf8))?.split(separator: "\n").last ?? "") ?? 0
    return Measured(milliseconds: wall.milliseconds, peakMegabytes: kilobytes / 1024)
  }

  /// posix_spawn and wait4, output to a file: Foundation's Process can wait for ever on a
  /// tmux client whose server lives on.
  static func run(_ command: [String], environment: [String: String], output: String, errors: String = "/dev/null") throws -> Measured {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let argv = command.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    let start = DispatchTime.now().uptimeNanoseconds
    var pid: pid_t = 0
    guard posix_spawnp(&pid, command[0], &actions, nil, argv, envp) == 0 else { throw ValidationError("cannot start \(command[0])") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
    return Measured(milliseconds: elapsed, peakMegabytes: Double(usage.ru_maxrss) / 1024, exitStatus: (status >> 8) & 0xFF)
  }

  /// Milliseconds from starting `command` in a fresh 120×40 tmux session until `marker` shows.
  static func firstScreen(_ command: String, until marker: String, round: Int, environment: [String: String]) throws -> Double {
    let session = "compare-\(round)-\(UUID().uuidString.prefix(6))"
    let exports = ["TASKRC", "BREAKTHROUGH_STORE"].compactMap { key in environment[key].map { "\(key)='\($0)'" } }.joined(separator: " ")
    let start = DispatchTime.now().uptimeNanoseconds
    _ = try capture(
      ["new-session", "-d", "-s", session, "-x", "120", "-y", "40", "env \(exports) LANG=C.UTF-8 \(command); sleep 30"],
      socket: session)
    defer { _ = try? capture(["kill-server"], socket: session) }
    while DispatchTime.now().uptimeNanoseconds - start < 30_000_000_000 {
      if try capture(["capture-pane", "-p", "-t", session], socket: session).contains(marker) { break }
    }
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
  }

  /// Runs tmux on a server of the session's own; returns what it printed.
  private static func capture(_ arguments: [String], socket: String) throws -> String {
    let output = NSTemporaryDirectory() + "compare-\(UUID().uuidString).out"
    defer { try? FileManager.default.removeItem(atPath: output) }
    _ = try run(["tmux", "-L", socket] + arguments, environment: ProcessInfo.processInfo.environment, output: output)
    return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
  }

  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
  }

  static func format(_ value: Double) -> String { String(format: value >= 100 ? "%.0f" : "%.1f", value) }

  static func report(_ what: String, ours: (times: [Double], peak: Double), theirs: (times: [Double], peak: Double)) {
    let ourTime = median(ours.times)
    let theirTime = median(theirs.times)
    print(
      "\(what): breakthrough \(format(ourTime)) ms \(format(ours.peak)) MB, task \(format(theirTime)) ms \(format(theirs.peak)) MB, "
        + "time ratio \(format(theirTime / ourTime))x, memory ratio \(format(theirs.peak / ours.peak))x (medians of \(ours.times.count))")
  }
}
