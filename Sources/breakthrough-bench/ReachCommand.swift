import ArgumentParser
import Foundation

/// What reaches people beyond the terminal, each as a whole process on a generated ledger:
/// the daily digest (target 100 ms at 100,000 promises) and the public page (500 ms).
struct ReachCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reach",
    abstract: "Time `breakthrough digest` and `breakthrough export html` on a generated ledger of N promises.")

  @Option(help: "How many promises.") var promises: Int
  @Option(help: "How many runs of each.") var rounds = 7
  @Option(help: "The breakthrough binary to measure.") var breakthrough = "breakthrough"

  func run() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("breakthrough-reach-\(UUID().uuidString.prefix(8))").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let ledger = folder + "/ledger.jsonl"
    _ = try GenerateCommand.write(promises: promises, ledger: ledger, taskwarrior: nil, now: Date())
    var environment = ProcessInfo.processInfo.environment
    environment["BREAKTHROUGH_STORE"] = ledger
    environment["BREAKTHROUGH_USER"] = "ana"
    let page = folder + "/page.html"
    for (what, command) in [
      ("digest", [breakthrough, "digest"]), ("export html", [breakthrough, "export", "html", "-o", page]),
    ] {
      // The first run writes the snapshot and the stamp that every later open starts from.
      _ = try Measured.run(command, environment: environment, output: "/dev/null")
      let peak = try Measured.run(command, environment: environment).peakMegabytes
      let times = try (0..<rounds).map { _ in try Measured.run(command, environment: environment, output: "/dev/null").milliseconds }
      print("\(what) at \(promises) promises: median \(Measured.format(Measured.median(times))) ms, peak \(Measured.format(peak)) MB")
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: page)[.size] as? Int) ?? 0
    print("the page: \(size / 1024) KB")
  }
}
