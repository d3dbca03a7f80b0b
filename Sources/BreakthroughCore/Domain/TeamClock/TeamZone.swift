import Foundation

/// One team clock: a ledger may name the time zone its team works in, so that every end of
/// day, overdue, week and date is the same on every machine, wherever it runs.
extension LedgerState {
  /// The rule: a zone is a name the time zone database knows (`Europe/Berlin`, `UTC`), so
  /// that every reader can work days out in it.
  static func breachOfSettingZone(_ name: String) -> RuleBreach? {
    guard TeamZone.named(name) == nil else { return nil }
    return RuleBreach(
      attempt: "set the team's time zone", subject: nil,
      rule: "\"\(name)\" is not a time zone: name one from the time zone database, like Europe/Berlin or America/New_York")
  }

  /// Records `name` as the team's time zone.
  public func setZone(_ name: String, note: String?, context: MoveContext) throws(Refusal) -> MoveOutcome {
    if let breach = Self.breachOfSettingZone(name) { throw breach.refusal(actor: context.actor) }
    guard name != zoneName else { throw Refusal("the team's time zone is already \(name); nothing changed") }
    return MoveOutcome(
      events: [context.event(.zoneSet(zone: name, note: Self.optional(note)))], summary: "the team's time zone is now \(name)")
  }

  /// The zone the ledger names, when this machine knows it.
  public var zone: TimeZone? { zoneName.flatMap(TeamZone.named) }
}

/// Time zones by name.
public enum TeamZone {
  /// The zone `name` names (the database's spelling, letters, digits and `/_+-` only: never a
  /// path the library would read outside the database), or nil.
  public static func named(_ name: String) -> TimeZone? {
    guard !name.isEmpty, !name.hasPrefix("/"), name.utf8.allSatisfy(isNameByte) else { return nil }
    return TimeZone(identifier: name)
  }

  private static func isNameByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
    case UInt8(ascii: "/"), UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "-"): return true
    default: return false
    }
  }

  /// "(times in Europe/Berlin)" when the team's zone is not this machine's, else nil: screens
  /// say it so that nobody reads the team's dates as their own.
  public static func note(for zone: TimeZone, machine: TimeZone) -> String? {
    zone.identifier == machine.identifier || zone == machine ? nil : "times in \(zone.identifier)"
  }
}
