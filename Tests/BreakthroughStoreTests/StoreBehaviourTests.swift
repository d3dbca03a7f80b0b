import BreakthroughCore
import BreakthroughStore
import Foundation
import Testing

/// What every store must do, run against each: the file and the team ledger.
@Suite struct StoreBehaviourTests {
  @Test(arguments: StoreUnderTest.kinds)
  func movesAreKeptAndReadBackByAnotherOpen(_ kind: StoreUnderTest.Kind) throws {
    let store = try StoreUnderTest(kind)
    let ana = try store.open(as: "ana")
    let made = try ana.append(
      .make(what: "Write the guide", to: try Handle("ben"), by: StoreUnderTest.due()), context: try StoreUnderTest.context())
    #expect(made.summary == "P1")
    let p1 = try #require(ana.state.promise(number: 1))
    try ana.append(.deliver(promise: p1.id, accepted: false, note: "see the wiki"), context: try StoreUnderTest.context())
    let ben = try store.open(as: "ben")
    #expect(ben.state.promise(number: 1)?.state == .delivered)
    try ben.append(.accept(promise: p1.id), context: try StoreUnderTest.context("ben"))
    #expect(try ana.refresh())
    #expect(ana.state.promise(number: 1)?.state == .kept)
    #expect(try store.open(as: "cy").state.eventCount == 3)
  }

  /// The team's reasons are kept in the ledger, so every member reads the same list, and a
  /// miss that gives one is counted by every reader.
  @Test(arguments: StoreUnderTest.kinds)
  func theReasonsAreSharedThroughTheLedger(_ kind: StoreUnderTest.Kind) throws {
    let store = try StoreUnderTest(kind)
    let ana = try store.open(as: "ana")
    try ana.append(.addReason(key: "tooling", words: "the tools got in the way"), context: try StoreUnderTest.context())
    try ana.append(.retireReason(key: "people"), context: try StoreUnderTest.context())
    try ana.append(.make(what: "Write the guide", to: try Handle("ben"), by: StoreUnderTest.due()), context: try StoreUnderTest.context())
    let p1 = try #require(ana.state.promise(number: 1))
    try ana.append(.notKept(promise: p1.id, note: "the build broke", reason: "tooling"), context: try StoreUnderTest.context())
    let ben = try store.open(as: "ben")
    #expect(ben.state.reasons.active.map(\.key).contains("tooling"))
    #expect(!ben.state.reasons.active.map(\.key).contains("people"))
    #expect(SlipReport(ben.state, since: nil).rows.map(\.key) == ["tooling"])
  }

  @Test(arguments: StoreUnderTest.kinds)
  func aRefusedMoveWritesNothing(_ kind: StoreUnderTest.Kind) throws {
    let store = try StoreUnderTest(kind)
    let ana = try store.open(as: "ana")
    try ana.append(.make(what: "Write the guide", to: try Handle("ben"), by: StoreUnderTest.due()), context: try StoreUnderTest.context())
    let p1 = try #require(ana.state.promise(number: 1))
    let refused = #expect(throws: StoreError.self) {
      try ana.append(.accept(promise: p1.id), context: try StoreUnderTest.context("ana"))
    }
    #expect(refused?.description.contains("too soon to accept it") == true)
    #expect(try store.open(as: "cy").state.eventCount == 1)
  }

  @Test(arguments: StoreUnderTest.kinds)
  func aLateReaderCatchesUpOnRefresh(_ kind: StoreUnderTest.Kind) throws {
    let store = try StoreUnderTest(kind)
    let reader = try store.open(as: "ben", listening: true)
    let writer = try store.open(as: "ana")
    #expect(try reader.refresh() == false)
    for index in 1...3 {
      try writer.append(
        .make(what: "Promise \(index)", to: try Handle("ben"), by: StoreUnderTest.due()), context: try StoreUnderTest.context())
    }
    let deadline = Date().addingTimeInterval(5)
    while reader.state.promises.count < 3 && Date() < deadline { try reader.refresh() }
    #expect(reader.state.promises.readEach().map(\.label) == ["P1", "P2", "P3"])
    #expect(try reader.refresh() == false, "nothing new the second time")
  }

  @Test(arguments: StoreUnderTest.kinds)
  func twoWritersNeverShareANumber(_ kind: StoreUnderTest.Kind) throws {
    let store = try StoreUnderTest(kind)
    let ana = try store.open(as: "ana")
    let ben = try store.open(as: "ben")
    // Each writes without refreshing first: the store must find the other's appends itself.
    for index in 0..<6 {
      let (writer, person) = index % 2 == 0 ? (ana, "ana") : (ben, "ben")
      try writer.append(
        .make(what: "Promise \(index)", to: try Handle("cy"), by: StoreUnderTest.due()), context: try StoreUnderTest.context(person))
    }
    let numbers = Array(try store.open(as: "cy").state.promises.readEach().map(\.number))
    #expect(numbers == [1, 2, 3, 4, 5, 6])
  }

  @Test(arguments: StoreUnderTest.kinds)
  func textIsKeptByteForByte(_ kind: StoreUnderTest.Kind) throws {
    let store = try StoreUnderTest(kind)
    let ana = try store.open(as: "ana")
    let nasty = "It's \"done\" \\ back\\slash \u{0000} nul \u{1B}[2J esc \u{7F}\u{85} '; drop table events; -- $1 %s 日本語 🎯 end"
    try ana.append(.make(what: nasty, to: try Handle("ben"), by: StoreUnderTest.due()), context: try StoreUnderTest.context())
    let p1 = try #require(ana.state.promise(number: 1))
    try ana.append(.revoke(promise: p1.id, note: nasty), context: try StoreUnderTest.context())
    let fresh = try store.open(as: "cy")
    #expect(fresh.state.promise(number: 1)?.what == nasty)
    #expect(fresh.state.promise(number: 1)?.history.last?.note == nasty)
  }
}
