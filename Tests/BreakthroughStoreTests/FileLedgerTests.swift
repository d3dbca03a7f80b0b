import BreakthroughCore
import BreakthroughStore
import BreakthroughTestSupport
import Foundation
import Testing

@Suite struct FileLedgerTests {
  static let zone = TimeZone(identifier: "UTC") ?? .current

  static func temporaryLedger() -> String {
    let folder = Scratch.url.appendingPathComponent("ledger-test-\(UUID().uuidString)")
    return folder.appendingPathComponent("nested/ledger.jsonl").path
  }

  static func context(_ actor: String = "ana") -> MoveContext {
    MoveContext(actor: handle(actor), now: Date(), zone: zone)
  }

  @discardableResult
  static func makePromise(_ ledger: FileLedger, _ what: String = "Write the guide") throws(StoreError) -> MoveOutcome {
    let by = ByWhen(day: LocalMoment(Date(), in: zone).day.adding(days: 3))
    return try ledger.append { (state) throws(Refusal) in
      try state.makePromise(what: what, to: try Handle("ben"), by: by, context: context())
    }
  }

  static func bytes(_ path: String) -> Data {
    FileManager.default.contents(atPath: path) ?? Data()
  }

  @Test func eventsRoundTripThroughTheFile() throws {
    let path = Self.temporaryLedger()
    let ledger = try FileLedger(path: path)
    #expect(ledger.state.promises.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: path), "reading must not create the file")
    try Self.makePromise(ledger, "Write the guide 日本語 \u{1B}[31m")
    let p1 = try #require(ledger.state.promise(number: 1))
    try ledger.append { (state) throws(Refusal) in try state.deliver(p1, accepted: false, note: "see the wiki", context: Self.context()) }
    try Self.makePromise(ledger)

    let reopened = try FileLedger(path: path)
    #expect(reopened.state.promises.readEach().map(\.label) == ["P1", "P2"])
    #expect(reopened.state.promises.promise(at: 0).what == "Write the guide 日本語 \u{1B}[31m")
    #expect(reopened.state.promises.promise(at: 0).state == .delivered)
    #expect(reopened.state.promises.promise(at: 0).history.last?.note == "see the wiki")
    #expect(reopened.state.eventCount == 3)
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    let text = String(decoding: Self.bytes(path), as: UTF8.self)
    #expect(text.split(separator: "\n").count == 3)
    #expect(text.hasSuffix("\n"))
    #expect(!text.unicodeScalars.contains("\u{1B}"), "the file keeps control characters as JSON escapes")
  }

  @Test func refreshFoldsOnlyWhatOthersAppended() throws {
    let path = Self.temporaryLedger()
    let reader = try FileLedger(path: path)
    let writer = try FileLedger(path: path)
    #expect(try reader.refresh() == false)
    try Self.makePromise(writer)
    try Self.makePromise(writer)
    #expect(try reader.refresh() == true)
    #expect(reader.state.promises.count == 2)
    #expect(try reader.refresh() == false)
    // The reader's own append is numbered after what the writer added.
    let outcome = try Self.makePromise(reader)
    #expect(outcome.summary == "P3")
  }

  @Test func aRefusedMoveLeavesTheFileByteForByte() throws {
    let path = Self.temporaryLedger()
    let ledger = try FileLedger(path: path)
    try Self.makePromise(ledger)
    let before = Self.bytes(path)
    let p1 = try #require(ledger.state.promise(number: 1))
    #expect(throws: StoreError.self) {
      try ledger.append { (state) throws(Refusal) in try state.accept(p1, note: nil, context: Self.context("ben")) }
    }
    #expect(Self.bytes(path) == before)
    #expect(ledger.state.eventCount == 1)
  }

  @Test func aTornLastLineIsLeftOutReportedAndSetAsideByTheNextWriter() throws {
    let path = Self.temporaryLedger()
    let ledger = try FileLedger(path: path)
    try Self.makePromise(ledger)
    try Self.makePromise(ledger)
    let whole = Self.bytes(path)
    let torn = Data("{\"v\":1,\"id\":\"cut-off\",\"at\":\"2026-11-".utf8)
    try (whole + torn).write(to: URL(fileURLWithPath: path))

    let reader = try FileLedger(path: path)
    #expect(reader.state.promises.count == 2, "complete lines are all there")
    let warnings = reader.takeWarnings()
    #expect(warnings.count == 1)
    #expect(warnings.first?.contains("\(path):3:") == true)
    #expect(warnings.first?.contains("cut off") == true)

    try Self.makePromise(reader)
    #expect(reader.takeWarnings().contains { $0.contains("set aside \(torn.count) bytes") })
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    let aside = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("ledger.jsonl.torn-") }
    #expect(aside.count == 1)
    #expect(Self.bytes(folder + "/" + (aside.first ?? "")) == torn)
    let fresh = try FileLedger(path: path)
    #expect(fresh.state.promises.readEach().map(\.label) == ["P1", "P2", "P3"])
    #expect(fresh.takeWarnings().isEmpty)
  }

  @Test func aLastLineThatIsGarbageWithALineEndIsTornToo() throws {
    let path = Self.temporaryLedger()
    let ledger = try FileLedger(path: path)
    try Self.makePromise(ledger)
    try (Self.bytes(path) + Data([0, 0, 0, 0x0A])).write(to: URL(fileURLWithPath: path))
    let reader = try FileLedger(path: path)
    #expect(reader.takeWarnings().count == 1)
    try Self.makePromise(reader)
    #expect(try FileLedger(path: path).state.promises.count == 2)
  }

  @Test func aDamagedMiddleLineRefusesEveryWriteAndLeavesTheFileUntouched() throws {
    let path = Self.temporaryLedger()
    let ledger = try FileLedger(path: path)
    for _ in 1...3 { try Self.makePromise(ledger) }
    var lines = String(decoding: Self.bytes(path), as: UTF8.self).split(separator: "\n").map(String.init)
    lines[1] = "{\"v\":1, this is not json"
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
    let damaged = Self.bytes(path)

    let reader = try FileLedger(path: path)
    #expect(reader.state.promises.readEach().map(\.label) == ["P1", "P3"], "the readable lines still show")
    #expect(reader.takeWarnings().contains { $0.hasPrefix("\(path):2: not JSON") })
    do {
      try Self.makePromise(reader)
      Issue.record("a write went through a damaged ledger")
    } catch {
      #expect(error.description.hasPrefix("\(path):2: not JSON"))
      #expect(error.description.contains("Writes are refused"))
    }
    #expect(Self.bytes(path) == damaged)
  }

  @Test func anObjectThatIsNoEventIsLeftOutNamedAndKept() throws {
    let path = Self.temporaryLedger()
    let ledger = try FileLedger(path: path)
    try Self.makePromise(ledger)
    let odd =
      "{\"v\":1,\"id\":\"x\",\"at\":\"2026-11-26T10:00:00.000Z\",\"actor\":\"ana\",\"kind\":\"promise.confidence\",\"promise\":\"p\"}\n"
    let before = Self.bytes(path) + Data(odd.utf8)
    try before.write(to: URL(fileURLWithPath: path))
    let reader = try FileLedger(path: path)
    let leftOut = try #require(reader.state.leftOut.first)
    #expect(leftOut.eventID == "x" && leftOut.actor?.text == "ana" && leftOut.kind == "promise.confidence")
    #expect(leftOut.reason == "line 2 (promise.confidence by ana) could not be read: missing text field \"level\"")
    try Self.makePromise(reader)
    #expect(Self.bytes(path).prefix(before.count) == before, "the line stays in the ledger")
    #expect(try FileLedger(path: path).state.promises.readEach().map(\.label) == ["P1", "P2"])
  }

  @Test func aKindFromANewerFormatIsReportedAndKept() throws {
    let path = Self.temporaryLedger()
    let ledger = try FileLedger(path: path)
    try Self.makePromise(ledger)
    let future =
      "{\"v\":2,\"id\":\"f1\",\"at\":\"2026-11-26T10:00:00.000Z\",\"actor\":\"ana\",\"kind\":\"promise.split\",\"parts\":[1,2]}\n"
    try (Self.bytes(path) + Data(future.utf8)).write(to: URL(fileURLWithPath: path))

    let reader = try FileLedger(path: path)
    #expect(reader.takeWarnings().contains { $0.contains("\(path):2: event kind \"promise.split\" is from a newer version") })
    try Self.makePromise(reader)
    let text = String(decoding: Self.bytes(path), as: UTF8.self)
    #expect(text.contains(future), "the newer line is kept as it was")
    #expect(try FileLedger(path: path).state.promises.readEach().map(\.label) == ["P1", "P2"])
  }

  @Test func aFolderWhereTheLedgerShouldBeIsNamed() throws {
    let path = Self.temporaryLedger()
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    #expect(throws: StoreError.self) { try FileLedger(path: path) }
    do { _ = try FileLedger(path: path) } catch {
      #expect(error.description.contains("is not a regular file"))
    }
  }
}
