import ArgumentParser
import BreakthroughCore
import BreakthroughStore
import BreakthroughUI
import Foundation
import TerminalKit

/// Measures, in one process, what a person waits for: opening the ledger, the first frame,
/// a key press, a filter key, an append, a move on the board, another writer's append folded
/// into it, the measures, the reasons for the misses, the weeks of `stats --weekly` (in this
/// process, and as the command beside this one runs them); and the memory it all takes.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Generate a ledger of N promises and measure opening, drawing, keys, appends and memory.")

  @Option(help: "How many promises.") var promises: Int
  @Flag(help: "Print one JSON object instead of a table.") var json = false
  @Option(help: "Measure this ledger instead of generating one (it gets 200 appends).") var ledger: String?
  @Flag(help: .hidden) var warmOnly = false

  /// The figures of `--json`, in order.
  static let keys = [
    "open_ms", "first_frame_ms", "key_median_us", "key_p99_us", "filter_key_median_ms",
    "append_median_ms", "move_median_ms", "move_p99_ms", "fold_append_ms", "measures_ms", "reasons_ms", "weekly_ms",
    "stats_weekly_ms", "stats_reasons_ms", "peak_rss_mb",
  ]

  func run() throws {
    guard let path = ledger else {
      // A generated ledger is opened once before it is measured, as after an import: that
      // open folds every line and leaves the snapshot the next open starts from. Each runs in
      // a process of its own, so that peak memory is the measured open's alone.
      let path = try generated()
      defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
      let arguments = ["run", "--promises", "\(promises)", "--ledger", path]
      guard try Self.runSelf(arguments + ["--warm-only"]) == 0, try Self.runSelf(arguments + (json ? ["--json"] : [])) == 0 else {
        throw ExitCode(1)
      }
      return
    }
    if warmOnly {
      _ = try FileLedger(path: path)
      return
    }
    // Measured as in a screen's process, which keeps freed blocks for reuse (`ScreenOptions.openTerminal`).
    ScreenMemory.keepFreedBlocks()
    let lines = try Self.lineCount(path)
    var figures: [String: Double] = ["promises": Double(promises), "ledger_lines": Double(lines)]
    let zone = TimeZone.current
    var store: FileLedger?
    figures["open_ms"] = Self.milliseconds { store = try? FileLedger(path: path) }
    guard let store else { throw ValidationError("cannot open \(path)") }
    let now = Date()
    figures["measures_ms"] = Self.milliseconds { _ = Measures(store.state, now: now, zone: zone) }
    // What `stats --reasons` counts: every miss of the ledger, by reason.
    figures["reasons_ms"] = Self.milliseconds { _ = SlipReport(store.state, since: nil) }
    figures["weekly_ms"] = Self.milliseconds {
      _ = WeeklyMeasures(store.state, now: now, zone: zone, weeks: 12, perPerson: false).team.weeks
    }
    // The two reports as a person runs them, whole commands: each opens the ledger.
    for (report, key) in [("--weekly", "stats_weekly_ms"), ("--reasons", "stats_reasons_ms")] {
      if let command = try Self.commandMedian(["stats", report, "--store", path], rounds: 7) { figures[key] = command }
    }
    let actor = try Handle("ana")
    var board = BoardState(ledger: store.state, now: now, zone: zone, actor: actor, width: 120, height: 40, isUnicode: true)
    figures["first_frame_ms"] = Self.milliseconds {
      board = BoardState(ledger: store.state, now: now, zone: zone, actor: actor, width: 120, height: 40, isUnicode: true)
      _ = board.render()
    }
    let keyTimes = (0..<1000).map { index in
      Self.milliseconds {
        _ = board.handle(.character(index % 200 < 100 ? "j" : "k"))
        _ = board.render()
      } * 1000
    }
    figures["key_median_us"] = Self.percentile(keyTimes, 0.5)
    figures["key_p99_us"] = Self.percentile(keyTimes, 0.99)
    _ = board.handle(.character("/"))
    let typed = Array("ship the pilot")
    let filterTimes = (0..<40).map { index in
      Self.milliseconds {
        _ = board.handle(index % 2 == 0 ? .character(typed[(index / 2) % typed.count]) : .backspace)
        _ = board.render()
      }
    }
    figures["filter_key_median_ms"] = Self.percentile(filterTimes, 0.5)
    let appendTimes = try (0..<200).map { index in
      let context = MoveContext(actor: actor, now: Date(), zone: zone)
      let by = ByWhen(day: context.localNow.day.adding(days: 3))
      let customer = try Handle("ben")
      return try Self.timed {
        try store.append { (state) throws(Refusal) in
          try state.makePromise(what: "Benchmark append \(index)", to: customer, by: by, context: context)
        }
      }
    }
    figures["append_median_ms"] = Self.percentile(appendTimes, 0.5)
    // Before the moves: their other writer opens the ledger a second time in this process.
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    figures["peak_rss_mb"] = Double(usage.ru_maxrss) / 1024
    let movesOnBoard = try BoardMoves(store: store, zone: zone)
    let moveTimes = movesOnBoard.moves(rounds: 25)
    figures["move_median_ms"] = Self.percentile(moveTimes, 0.5)
    figures["move_p99_ms"] = Self.percentile(moveTimes, 0.99)
    figures["fold_append_ms"] = Self.percentile(try movesOnBoard.foldedAppends(path: path, zone: zone, count: 50), 0.5)
    print(json ? Self.json(figures) : Self.table(figures))
  }

  /// The median wall time of `breakthrough ARGUMENTS`, the build's binary beside this one, as a
  /// person runs it (start, open, work, print); nil where there is no such binary. Spawned and
  /// waited for directly: Foundation's `Process.waitUntilExit` looks every 50 ms, which made a
  /// 47 ms command measure 52 or 102.
  static func commandMedian(_ arguments: [String], rounds: Int) throws -> Double? {
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
      .appendingPathComponent("breakthrough")
    guard FileManager.default.isExecutableFile(atPath: executable.path) else { return nil }
    let environment = ProcessInfo.processInfo.environment
    let times = try (0..<rounds).map { _ in
      try Measured.run([executable.path] + arguments, environment: environment, output: "/dev/null").milliseconds
    }
    return percentile(times, 0.5)
  }

  /// The lines of the file at `path`, read a megabyte at a time so that counting them does not
  /// add the whole ledger to the peak memory measured.
  static func lineCount(_ path: String) throws -> Int {
    guard let file = FileHandle(forReadingAtPath: path) else { throw ValidationError("cannot read \(path)") }
    defer { try? file.close() }
    var lines = 0
    while let piece = try file.read(upToCount: 1 << 20), !piece.isEmpty {
      lines += piece.withUnsafeBytes { $0.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 } }
    }
    return lines
  }

  /// Runs this executable again with `arguments`, its output going to ours.
  static func runSelf(_ arguments: [String]) throws -> Int32 {
    let pid = startSelf(arguments)
    guard pid > 0 else { throw ValidationError("cannot start the benchmark again") }
    return wait(pid)
  }

  /// Starts this executable again with `arguments`, its output going to ours (or nowhere when
  /// `quiet`); 0 if it could not.
  static func startSelf(_ arguments: [String], quiet: Bool = false) -> pid_t {
    let argv = (["/proc/self/exe"] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if quiet { posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0) }
    var pid: pid_t = 0
    return posix_spawn(&pid, "/proc/self/exe", &actions, nil, argv, environ) == 0 ? pid : 0
  }

  /// Waits for a started run; its exit status.
  static func wait(_ pid: pid_t) -> Int32 {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return (status >> 8) & 0xFF
  }

  private func generated() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("breakthrough-bench-\(UUID().uuidString.prefix(8))")
    let path = folder.appendingPathComponent("ledger.jsonl").path
    _ = try GenerateCommand.write(promises: promises, ledger: path, taskwarrior: nil, now: Date())
    return path
  }

  static func milliseconds(_ work: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    work()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
  }

  static func timed(_ work: () throws -> Void) throws -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try work()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
  }

  static func percentile(_ values: [Double], _ fraction: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
  }

  static func format(_ value: Double) -> String {
    value == value.rounded() && value >= 100 ? String(Int(value)) : String(format: "%.2f", value)
  }

  static func json(_ figures: [String: Double]) -> String {
    "{" + keys.map { "\"\($0)\":\(format(figures[$0] ?? 0))" }.joined(separator: ",") + "}"
  }

  static func table(_ figures: [String: Double]) -> String {
    (["promises", "ledger_lines"] + keys).map { $0.padding(toLength: 22, withPad: " ", startingAt: 0) + format(figures[$0] ?? 0) }.joined(
      separator: "\n")
  }
}
