import Foundation
import Testing

@testable import BreakthroughCore

/// The filter in front of the fold's sets of people says "seen" only of a handle equal to one
/// inserted; the fold with it names people and puts them on the roll as it did without it.
@Suite struct SeenHandlesTests {
  @Test func itSaysSeenOnlyOfAHandleEqualToOneInserted() {
    var seen = SeenHandles()
    let people = (0..<200).map { Handle(checked: "person\($0)") }
    for person in people.prefix(100) { seen.insert(person) }
    #expect(people.prefix(100).allSatisfy(seen.contains), "found again after growing")
    #expect(!people.suffix(100).contains(where: seen.contains))
    seen.insert(Handle(checked: "jos\u{E9}"))
    #expect(seen.contains(Handle(checked: "jos\u{E9}")))
    seen.removeAll()
    #expect(!people.contains(where: seen.contains))
  }

  static let by = ByWhen(ledgerText: "2027-01-10")!
  static let moment = Date(timeIntervalSince1970: 1_800_000_000)

  static func made(_ number: Int, by performer: String, to customer: String) -> Event {
    let terms = PromiseTerms(
      id: "p\(number)", number: number, performer: Handle(checked: performer), customer: Handle(checked: customer), what: "Thing \(number)",
      by: by, breakthrough: nil, replaces: nil)
    return Event(id: "e\(number)", at: moment, actor: Handle(checked: performer), body: .made(terms))
  }

  static func declared(_ id: String, by person: String) -> Event {
    Event(
      id: "d-\(id)", at: moment, actor: Handle(checked: person),
      body: .declared(BreakthroughTerms(id: id, statement: "Three teams", measure: nil, why: nil, by: by)))
  }

  @Test func peopleNamedBeforeADeclarationComeOnTheRollWhenNamedAgain() {
    var state = LedgerState()
    // Named before any declaration: on no roll yet, and in other code points the same person.
    state.apply(Self.made(1, by: "ben", to: "jos\u{E9}"))
    state.apply(Self.declared("b1", by: "ana"))
    #expect(state.conversations.roll.entries.map(\.person.text) == ["ana"])
    state.apply(Self.made(2, by: "ben", to: "jose\u{301}"))
    #expect(state.conversations.roll.entries.map(\.person.text) == ["ana", "ben", "jos\u{E9}"])
    #expect(state.people.map(\.text) == ["ben", "jos\u{E9}", "ana"], "one person, as first named")
    // A revision asks the roll's people again; one named since is put on it when named next.
    state.apply(Self.made(3, by: "cy", to: "ben"))
    state.apply(Self.declared("b2", by: "ana"))
    let asked = state.conversations.roll.entries.map(\.person.text)
    #expect(asked == ["ana", "ben", "jos\u{E9}", "cy"])
    state.apply(Self.made(4, by: "dan", to: "cy"))
    #expect(state.conversations.roll.entries.map(\.person.text) == asked + ["dan"])
    #expect(state.leftOut.isEmpty, "\(state.leftOut.map(\.reason))")
  }
}
