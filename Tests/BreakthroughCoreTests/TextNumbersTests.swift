import Testing

@testable import BreakthroughCore

/// The snapshot's tables of people and summaries answer as a dictionary of the list would: the
/// first of equal texts, equal in any code points, and nothing for a text not in the list.
@Suite struct TextNumbersTests {
  @Test func itAnswersAsTheDictionaryOfTheListWould() {
    let composed = "jos\u{E9}"
    let decomposed = "jose\u{301}"
    #expect(composed == decomposed && Array(composed.utf8) != Array(decomposed.utf8))
    // Many texts, so that probes collide and wrap; repeats, and equal texts in other bytes.
    var texts = (0..<300).map { "person\($0)" }
    texts += [composed, "ana", decomposed, "李娜", "ana", "delivered and accepted (reason: a long one, past fifteen bytes)"]
    texts.insert(decomposed, at: 17)
    let dictionary = Dictionary(texts.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
    let numbers = TextNumbers(texts)
    for text in texts { #expect(numbers[text] == dictionary[text], "\(text)") }
    #expect(numbers[composed] == 17)
    #expect(numbers["ana"] == 302)
    #expect(numbers["stranger"] == nil)
    #expect(TextNumbers([])["ana"] == nil)
  }
}
