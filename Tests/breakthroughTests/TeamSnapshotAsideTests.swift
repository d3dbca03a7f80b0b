import BreakthroughTestSupport
import Foundation
import Testing

@testable import BreakthroughStore

/// A command's first read of a long team ledger answers without waiting for the snapshot it
/// makes: a detached copy of the process writes it after, whole, and the next open starts from
/// it. A process running other threads makes no copy (a lock they held could stay taken).
@Suite struct TeamSnapshotAsideTests {
  /// A team ledger of 500 generated promises (over a thousand events: a snapshot's worth).
  static func longTeam() throws -> TeamSetup {
    let team = try TeamSetup()
    let folder = NSTemporaryDirectory() + "aside-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let generated = try Spawn.run(
      BinaryRunner.bench.path, ["generate", "--promises", "500", "--out", folder + "/ledger.jsonl"],
      environment: ProcessInfo.processInfo.environment)
    #expect(generated.status == 0)
    let imported = try BinaryRunner().run(["store", "import", folder + "/ledger.jsonl", "--store", team.url("owner")])
    #expect(imported.status == 0, "\(imported.errors)")
    return team
  }

  /// `person`'s copy of the team ledger, and its snapshot's path.
  static func mirror(of team: TeamSetup, _ person: String) throws -> (copy: String, snapshot: String) {
    let cache = try #require(team.environment(person)["XDG_CACHE_HOME"]) + "/breakthrough"
    let name = try #require(try FileManager.default.contentsOfDirectory(atPath: cache).first { $0.hasSuffix(".jsonl") })
    return (cache + "/" + name, cache + "/" + name + ".snapshot")
  }

  @Test(.needs(.postgreSQL)) func aCommandsSnapshotIsWrittenAfterItAndTheNextOpenStartsFromIt() throws {
    let team = try Self.longTeam()
    let first = try team.run(["stats"], as: "ana")
    #expect(first.status == 0, "\(first.errors)")
    #expect(first.output.contains("promises"), "\(first.output)")
    let (copy, snapshot) = try Self.mirror(of: team, "ana")
    let folder = (copy as NSString).deletingLastPathComponent
    func written() throws -> Bool {
      try FileManager.default.fileExists(atPath: snapshot)
        && !FileManager.default.contentsOfDirectory(atPath: folder).contains { $0.hasSuffix(".tmp") }
    }
    var waited = 0
    while try !written(), waited < 300 {
      usleep(100_000)
      waited += 1
    }
    #expect(try written(), "the snapshot has its name, and no temporary file is left")
    let reopened = try FileLedger(path: copy)
    #expect(reopened.linesFromSnapshot == reopened.state.eventCount && reopened.state.eventCount > 1_000, "opened from the snapshot")
    let again = try team.run(["stats"], as: "ana")
    #expect(again.output == first.output)
  }

  @Test(.needs(.postgreSQL), .needs(.strace)) func theSnapshotIsNamedByACopyInASessionOfItsOwn() throws {
    let team = try Self.longTeam()
    let trace = NSTemporaryDirectory() + "aside-\(UUID().uuidString).trace"
    let first = try team.run(
      ["-f", "-e", "trace=rename,renameat,renameat2,setsid", "-o", trace, BinaryRunner.executable.path, "list"], as: "ana",
      executable: try Prerequisite.strace.located())
    #expect(first.status == 0, "\(first.errors)")
    let calls = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").map(String.init)
    let command = calls.first?.split(separator: " ").first.map(String.init)
    let renamer = calls.first { $0.contains("rename") && $0.contains(".snapshot\"") }?.split(separator: " ").first.map(String.init)
    #expect(renamer != nil && renamer != command, "the snapshot is named by another process: \(calls)")
    #expect(calls.contains { $0.hasPrefix("\(renamer ?? "-") setsid(") }, "in a session of its own: \(calls)")
  }

  @Test func noCopyIsMadeWhileOtherThreadsRun() throws {
    let running = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)
    Thread {
      running.signal()
      done.wait()
    }.start()
    running.wait()
    let marker = NSTemporaryDirectory() + "copy-\(UUID().uuidString)"
    let made = DetachedCopy.run { FileManager.default.createFile(atPath: marker, contents: Data()) }
    done.signal()
    #expect(!made)
    usleep(200_000)
    #expect(!FileManager.default.fileExists(atPath: marker), "nothing was done by a copy")
  }
}
