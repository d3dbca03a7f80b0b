import Testing

@testable import BreakthroughCore

/// The snapshot's table of people answers as a dictionary of the list would: the first of
/// equal handles, equal in any code points, and nothing for a stranger.
@Suite struct HandleNumbersTests {
  @Test func itAnswersAsTheDictionaryOfTheListWould() {
    let composed = "jos\u{E9}"
    let decomposed = "jose\u{301}"
    #expect(composed == decomposed && Array(composed.utf8) != Array(decomposed.utf8))
    // Many people, so that probes collide and wrap; repeats and equal handles in other bytes.
    var people = (0..<300).map { Handle(checked: "person\($0)") }
    people += [
      Handle(checked: composed), Handle(checked: "ana"), Handle(checked: decomposed), Handle(checked: "李娜"), Handle(checked: "ana"),
    ]
    people.insert(Handle(checked: decomposed), at: 17)
    let dictionary = Dictionary(people.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
    let numbers = HandleNumbers(people)
    for handle in people { #expect(numbers[handle] == dictionary[handle], "\(handle)") }
    #expect(numbers[Handle(checked: composed)] == 17)
    #expect(numbers[Handle(checked: "ana")] == 302)
    #expect(numbers[Handle(checked: "stranger")] == nil)
    #expect(HandleNumbers([])[Handle(checked: "ana")] == nil)
  }
}
