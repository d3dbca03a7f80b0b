import BreakthroughTestSupport
import Foundation
import Testing

@testable import BreakthroughCore

/// Where a promise stands is written and read by one codec, for its record and for each step
/// of its undo trail: every field comes back as it went in.
@Suite struct StoredProgressTests {
  static let people = [Handle(checked: "ana"), Handle(checked: "ben")]

  /// Every field set, none to its default.
  static let full = Promise.Progress(
    state: .notKept, deliveredAt: Date(timeIntervalSince1970: 1_800_000_000.25),
    closedAt: Date(timeIntervalSince1970: 1_800_003_600.5), closedBy: Handle(checked: "ben"), confidence: .atRisk,
    replacedBy: "01J-replacement", wasRenegotiatedLate: true)

  @Test func theSampleSetsEveryFieldAwayFromItsDefault() {
    // A field added to Progress without a value here fails this, before the round trips can miss it.
    let set = Mirror(reflecting: Self.full).children
    let empty = Mirror(reflecting: Promise.Progress()).children
    #expect(set.count == empty.count)
    for (field, unset) in zip(set, empty) {
      #expect(String(describing: field.value) != String(describing: unset.value), "\(field.label ?? "?") is left at its default")
    }
  }

  static func person(_ handle: Handle) -> Int { people.firstIndex(of: handle) ?? -1 }

  @Test func aRecordKeepsEveryFieldWithItsLinkByPosition() throws {
    var out = SnapshotWriter()
    StoredProgress(Self.full, person: Self.person) { $0 == "01J-replacement" ? 7 : -1 }.write(to: &out)
    let read = try out.bytes.withUnsafeBufferPointer { bytes throws(Refusal) in
      var input = SnapshotReader(bytes)
      defer { #expect(input.isAtEnd) }
      return try StoredProgress<Int>(reading: &input, people: Self.people.count)
    }
    #expect(read.replacedBy == 7)
    #expect(read.progress(people: Self.people) { $0 == 7 ? "01J-replacement" : nil } == Self.full)
  }

  @Test func anUndoStepKeepsEveryFieldWithItsLinkById() throws {
    var past = PromisePast(lastEventID: "e2")
    past.remember("e1", by: Handle(checked: "ana"), before: nil)
    past.remember("e2", by: Handle(checked: "ben"), before: Self.full)
    var out = SnapshotWriter()
    var blob = SnapshotWriter()
    PromisePastCoding.write(past, &out, using: &blob, person: Self.person, summary: { _ in 0 })
    let read = try out.bytes.withUnsafeBufferPointer { bytes throws(Refusal) in
      var input = SnapshotReader(bytes)
      return try PromisePastCoding.read(&input, people: Self.people, summaries: [])
    }
    #expect(read.undoTrail.map(\.eventID) == ["e1", "e2"])
    #expect(read.undoTrail.map(\.actor) == Self.people)
    #expect(read.undoTrail.first?.before == nil)
    #expect(read.undoTrail.last?.before == Self.full)
  }

  @Test func aPersonOutOfRangeIsRefused() {
    var out = SnapshotWriter()
    StoredProgress(Self.full, person: { _ in 5 }) { _ in -1 }.write(to: &out)
    #expect(throws: Refusal.self) {
      try out.bytes.withUnsafeBufferPointer { bytes throws(Refusal) in
        var input = SnapshotReader(bytes)
        _ = try StoredProgress<Int>(reading: &input, people: Self.people.count)
      }
    }
  }
}
