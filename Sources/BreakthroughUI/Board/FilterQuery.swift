import BreakthroughCore

/// What a filter typed after `/` keeps: words match the text or number; `@handle` a person.
struct FilterQuery {
  let words: [String]
  let people: [String]

  init(_ text: String) {
    let parts = text.lowercased().split(separator: " ").map(String.init)
    people = parts.filter { $0.hasPrefix("@") && $0.count > 1 }.map { String($0.dropFirst()) }
    words = parts.filter { !$0.hasPrefix("@") }
  }

  /// Nothing typed: every promise is kept.
  var isEmpty: Bool { words.isEmpty && people.isEmpty }

  func accepts(_ promise: Promise) -> Bool {
    for person in people where !promise.performer.text.hasPrefix(person) && !promise.customer.text.hasPrefix(person) {
      return false
    }
    guard !words.isEmpty else { return true }
    let what = promise.what.lowercased()
    return words.allSatisfy { what.contains($0) || promise.label.lowercased() == $0 }
  }
}
