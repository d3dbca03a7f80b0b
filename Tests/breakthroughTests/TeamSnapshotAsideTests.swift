import BreakthroughCore
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
    let folder = Scratch.directory + "aside-\(UUID().uuidString)"
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

  /// A copy opened from its snapshot reads its old promises' pasts from that file, which a
  /// detached copy of the process does not hold: its next snapshot is written in the process,
  /// every past in it.
  @Test(.needs(.postgreSQL)) func aCopyOpenedFromItsSnapshotKeepsEveryPastInItsNext() throws {
    let team = try Self.longTeam()
    #expect(try team.run(["stats"], as: "ana").status == 0)
    let (copy, snapshot) = try Self.mirror(of: team, "ana")
    var waited = 0
    while !FileManager.default.fileExists(atPath: snapshot), waited < 300 {
      usleep(100_000)
      waited += 1
    }
    // More than a snapshot's worth of rows by another member: ana's next open catches up.
    let location = try #require(TeamLocation(team.url("cy")))
    let cy = try TeamLedger(location, mirrorFolder: Scratch.directory + "mirror-cy-\(UUID().uuidString)")
    let context = MoveContext(actor: try Handle("cy"), now: Date(), zone: TimeZone(identifier: "UTC") ?? .current)
    for _ in 0..<1_100 { _ = try cy.append(.recordMeeting(note: nil), context: context) }
    let before = try Data(contentsOf: URL(fileURLWithPath: snapshot))
    #expect(try team.run(["stats"], as: "ana").status == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: snapshot)) != before, "the catch-up wrote a new snapshot")

    let fromSnapshot = try FileLedger(path: copy)
    #expect(fromSnapshot.linesFromSnapshot == fromSnapshot.state.eventCount)
    let whole = Scratch.directory + "whole-\(UUID().uuidString).jsonl"
    try FileManager.default.copyItem(atPath: copy, toPath: whole)
    let folded = try FileLedger(path: whole)
    func pasts(_ state: LedgerState) -> [[String]] {
      state.promises.readEach().map { promise in promise.history.map { "\($0.at.timeIntervalSince1970) \($0.actor) \($0.summary)" } }
    }
    #expect(pasts(fromSnapshot.state) == pasts(folded.state))
    #expect(!pasts(fromSnapshot.state).joined().contains { $0.contains("unreadable") })
  }

  @Test(.needs(.postgreSQL), .needs(.strace)) func theSnapshotIsNamedByACopyInASessionOfItsOwn() throws {
    let team = try Self.longTeam()
    let trace = Scratch.directory + "aside-\(UUID().uuidString).trace"
    let first = try team.run(
      ["-f", "-e", "trace=execve,rename,renameat,renameat2,setsid", "-o", trace, BinaryRunner.executable.path, "list"], as: "ana",
      executable: try Prerequisite.strace.located())
    #expect(first.status == 0, "\(first.errors)")
    // Each line is a process (or thread) number, padded to a width, then its call.
    let calls = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").map { line in
      let fields = line.split(separator: " ", maxSplits: 1)
      return (process: String(fields.first ?? ""), call: fields.dropFirst().first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "")
    }
    let command = calls.first { $0.call.hasPrefix("execve(") }?.process
    let renamer = calls.first { $0.call.hasPrefix("rename") && $0.call.contains(".snapshot\"") }?.process
    #expect(command != nil && renamer != nil && renamer != command, "the snapshot is named by another process: \(calls)")
    #expect(calls.contains { $0.process == renamer && $0.call.hasPrefix("setsid(") }, "in a session of its own: \(calls)")
  }

  @Test func noCopyIsMadeWhileOtherThreadsRun() throws {
    let running = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)
    Thread {
      running.signal()
      done.wait()
    }.start()
    running.wait()
    let marker = Scratch.directory + "copy-\(UUID().uuidString)"
    let made = DetachedCopy.run { FileManager.default.createFile(atPath: marker, contents: Data()) }
    done.signal()
    #expect(!made)
    usleep(200_000)
    #expect(!FileManager.default.fileExists(atPath: marker), "nothing was done by a copy")
  }
}
