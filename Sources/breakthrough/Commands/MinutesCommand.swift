import ArgumentParser
import BreakthroughCore
import BreakthroughInterchange
import BreakthroughStore
import Foundation

struct MinutesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "minutes",
    abstract: "The standing meeting's minutes in Markdown, since the last meeting recorded.",
    discussion: """
      Kept, not kept (what happened, and what replaces it), renegotiated, revoked and released, newly promised, and then \
      what is still owed and what awaits acceptance. The period starts at the last meeting recorded with --record, else \
      24 hours ago, or at --since.
      """)

  @Option(help: ArgumentHelp("Start the period here instead: mon (the last Monday), yesterday, -3d, 2026-12-01 09:00.", valueName: "when"))
  var since: String?
  @Flag(help: "Record the meeting as held once the minutes are written, so that the next minutes start here.")
  var record = false
  @OptionGroup var output: OutputDestination
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession()
    let entries = try session.ledger.entries()
    let events = entries.compactMap { entry -> Event? in
      if case .event(let event) = entry.content { return event }
      return nil
    }
    // The fold knows a left-out event by its place among the events (from 1): the minutes name it apart.
    let period = try self.period(of: Array(zip(1..., events)), session: session)
    let leftOut = Dictionary(
      session.state.leftOut.compactMap { event in event.ordinal.map { ($0, event) } }, uniquingKeysWith: { first, _ in first })
    let minutes = MeetingMinutes(
      state: session.state, events: period.events.filter { leftOut[$0.ordinal] == nil }.map(\.event),
      leftOut: period.events.compactMap { leftOut[$0.ordinal] }, since: period.words, now: session.now, zone: session.zone)
    try output.write(minutes.markdown)
    guard record else { return }
    let outcome = try session.ledger.append(.recordMeeting(), context: try session.context())
    FileHandle.standardError.write(Data("\(outcome.summary)\n".utf8))
  }

  /// The events of the period with their places, in ledger order, and where it starts in words.
  private func period(of events: [(ordinal: Int, event: Event)], session: Session) throws -> (
    events: [(ordinal: Int, event: Event)], words: String
  ) {
    if let since {
      let by = try DateExpression.parsePast(since, today: session.localNow.day)
      let start = LocalMoment(day: by.day, secondOfDay: (by.minuteOfDay ?? 0) * 60).instant(in: session.zone)
      guard start <= session.now else { throw CommandFailure("--since \(since) is in the future: the minutes cover what already happened") }
      return (events.filter { $0.event.at >= start }, "\(local(start, session.zone)) (--since \(since))")
    }
    if let last = events.lastIndex(where: { $0.event.body.kind == .meetingHeld }) {
      let meeting = events[last].event
      return (Array(events[(last + 1)...]), "the meeting recorded \(local(meeting.at, session.zone)) by \(meeting.actor)")
    }
    let start = session.now.addingTimeInterval(-86_400)
    return (events.filter { $0.event.at > start }, "24 hours ago, \(local(start, session.zone)) (no meeting recorded yet: add --record)")
  }

  private func local(_ instant: Date, _ zone: TimeZone) -> String {
    let moment = LocalMoment(instant, in: zone)
    return "\(moment.day.weekdayName) \(moment.day.iso) \(moment.clock)"
  }
}
