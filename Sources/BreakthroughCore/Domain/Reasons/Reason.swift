import Foundation

/// One of the team's reasons for a miss: a short key (`waiting`) and the words that say it.
public struct Reason: Sendable, Equatable {
  public let key: String
  public internal(set) var words: String
  /// Who added it; nil for the reasons every ledger starts with.
  public internal(set) var addedBy: Handle?
  /// Retired reasons are no longer given; the misses that gave one keep it.
  public internal(set) var isRetired = false

  public init(key: String, words: String, addedBy: Handle? = nil, isRetired: Bool = false) {
    self.key = key
    self.words = words
    self.addedBy = addedBy
    self.isRetired = isRetired
  }

  /// The key a miss gives when no other fits; its words say what happened, so it needs a note.
  public static let otherKey = "other"

  /// The list every ledger starts with, from the practice of tracking why promises slip.
  public static let defaults: [Reason] = [
    Reason(key: "prerequisite", words: "work it needed was not done"),
    Reason(key: "waiting", words: "waiting on someone's answer or decision"),
    Reason(key: "underestimated", words: "it took more than we thought"),
    Reason(key: "priorities", words: "priorities changed"),
    Reason(key: "people", words: "someone away or pulled off"),
    Reason(key: "external", words: "client, vendor or outside event"),
    Reason(key: "unclear", words: "what \"done\" meant was not clear"),
    Reason(key: otherKey, words: "something else (say what)"),
  ]

  /// Whether `key` has the form of a reason's key: a lowercase letter, then up to 23 lowercase
  /// letters, digits or hyphens.
  public static func isValidKey(_ key: String) -> Bool {
    let scalars = Array(key.unicodeScalars)
    guard let first = scalars.first, ("a"..."z").contains(first), scalars.count <= 24 else { return false }
    return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
  }

  /// The rule a key must keep, as a clause.
  static let keyRule = "a reason's key is a lowercase letter, then up to 23 lowercase letters, digits or hyphens"
}
