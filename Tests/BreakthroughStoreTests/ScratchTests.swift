import BreakthroughTestSupport
import Foundation
import Testing

/// The tests' files go where they are swept: a killed run's folder goes on the next run, a
/// live one's stays.
@Suite struct ScratchTests {
  @Test func theFolderOfAProcessThatIsGoneIsRemovedAndALiveOneIsKept() throws {
    let ended = try Spawn.start("/bin/true", [], environment: [:])
    #expect(ended.wait().status == 0)
    let abandoned = "/tmp/breakthrough-tests-\(ended.pid)"
    try FileManager.default.createDirectory(atPath: abandoned + "/bt-pg-x/data", withIntermediateDirectories: true)
    try "left\n".write(toFile: abandoned + "/bt-pg-x/ledger.jsonl", atomically: false, encoding: .utf8)
    let live = Scratch.directory + "kept-\(UUID().uuidString)"
    try "kept\n".write(toFile: live, atomically: false, encoding: .utf8)

    Scratch.removeAbandoned()
    #expect(FileManager.default.fileExists(atPath: abandoned), "just touched: it may be a run this process cannot see")
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3_600)], ofItemAtPath: abandoned)
    Scratch.removeAbandoned()

    #expect(!FileManager.default.fileExists(atPath: abandoned))
    #expect(FileManager.default.fileExists(atPath: live))
    #expect(Scratch.directory == "/tmp/breakthrough-tests-\(getpid())/")
  }
}
