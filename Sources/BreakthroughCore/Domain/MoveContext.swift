import Foundation

/// Who is making a move, and when: passed in, because the domain never reads the clock.
public struct MoveContext: Sendable {
  public let actor: Handle
  public let now: Date
  public let zone: TimeZone
  /// Makes the globally unique ids of new events and promises.
  public let makeID: @Sendable () -> String

  public init(actor: Handle, now: Date, zone: TimeZone, makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }) {
    self.actor = actor
    self.now = now
    self.zone = zone
    self.makeID = makeID
  }

  /// The wall-clock moment of `now`.
  public var localNow: LocalMoment { LocalMoment(now, in: zone) }

  /// An event said by the actor now.
  func event(_ body: EventBody) -> Event {
    Event(id: makeID(), at: now, actor: actor, body: body)
  }
}

/// What a move produced: the events to append, and a sentence that tells the person what happened.
public struct MoveOutcome: Sendable {
  public let events: [Event]
  public let summary: String

  public init(events: [Event], summary: String) {
    self.events = events
    self.summary = summary
  }
}
