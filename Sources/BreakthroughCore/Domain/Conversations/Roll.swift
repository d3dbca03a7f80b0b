import Foundation

/// Who is in for the current declaration. The declarer is in by declaring; a revision starts a
/// new roll, on which those who were in for the earlier one are asked again. Everyone named
/// since the declaration, or on the earlier roll, is on it: in, or not yet.
public struct Roll: Sendable {
  public enum Standing: Sendable, Equatable {
    case enrolled
    /// Not yet; what they said it would take, if they said.
    case notYet(said: String?)
    /// Was in, and said why not any more.
    case unenrolled(said: String)
  }

  public struct Entry: Sendable {
    public let person: Handle
    public internal(set) var standing: Standing
    /// In for the declaration this one revised: asked again.
    public internal(set) var wasInBefore: Bool
    public internal(set) var saidAt: Date?
  }

  /// The declaration the roll is for; nil before any.
  public internal(set) var breakthrough: String?
  /// In the order first named.
  public internal(set) var entries: [Entry] = []
  /// Everyone on it: the fold names a person at every event, so this is asked often.
  private var members: Set<Handle> = []

  public var enrolled: [Entry] { entries.filter { $0.standing == .enrolled } }
  public var notYet: [Entry] { entries.filter { $0.standing != .enrolled } }

  public func standing(of person: Handle) -> Standing? {
    entries.first { $0.person == person }?.standing
  }

  /// `In: 4 of 6 (not yet: dan, eve)`: a fact, never a rate.
  public var summary: String? {
    guard breakthrough != nil, !entries.isEmpty else { return nil }
    let waiting = notYet.map(\.person.text)
    return "In: \(enrolled.count) of \(entries.count)" + (waiting.isEmpty ? "" : " (not yet: \(waiting.joined(separator: ", ")))")
  }

  /// A new declaration: a new roll, with everyone from the earlier one asked again.
  mutating func start(_ id: String, declaredBy declarer: Handle, at: Date) {
    let earlier = entries
    breakthrough = id
    entries = earlier.map { Entry(person: $0.person, standing: .notYet(said: nil), wasInBefore: $0.standing == .enrolled, saidAt: nil) }
    members = Set(entries.map(\.person))
    say(.enrolled, by: declarer, at: at)
  }

  /// Puts a person named since the declaration on the roll, not yet in.
  mutating func name(_ person: Handle) {
    guard breakthrough != nil, members.insert(person).inserted else { return }
    entries.append(Entry(person: person, standing: .notYet(said: nil), wasInBefore: false, saidAt: nil))
  }

  /// Restores a roll written into a snapshot.
  init(breakthrough: String?, entries: [Entry]) {
    self.breakthrough = breakthrough
    self.entries = entries
    members = Set(entries.map(\.person))
  }

  init() {}

  mutating func say(_ standing: Standing, by person: Handle, at: Date) {
    name(person)
    guard let position = entries.firstIndex(where: { $0.person == person }) else { return }
    entries[position].standing = standing
    entries[position].saidAt = at
  }
}
