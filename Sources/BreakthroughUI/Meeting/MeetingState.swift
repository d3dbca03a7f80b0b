import BreakthroughCore
import Foundation
import TerminalKit

/// The meeting display's loop.
public typealias MeetingApp = ScreenApp<MeetingState>

/// The standing-meeting display: read-only, for a wall. The team's page first, then a page
/// per person in turn, each for a timebox; it follows the ledger by itself.
public struct MeetingState: Sendable {
  /// How the display runs, as the command line sets it.
  public struct Options: Sendable {
    /// How long each page stays, in seconds.
    public var interval: TimeInterval = 60
    /// Show per-person rates (kept on time, honored) on the team page.
    public var showsRates = false
    /// People's pages in a shuffled order drawn from this seed, or in name order when nil.
    public var shuffleSeed: UInt64?

    public init(interval: TimeInterval = 60, showsRates: Bool = false, shuffleSeed: UInt64? = nil) {
      self.interval = interval
      self.showsRates = showsRates
      self.shuffleSeed = shuffleSeed
    }
  }

  public enum Page: Equatable, Sendable {
    case team
    /// What the breakthrough will take: uncovered elements first.
    case elements
    /// How we keep our word: kept on time week by week.
    case weekly
    /// Why promises slipped in the last four weeks, once anything has.
    case slips
    case person(Handle)
  }

  public internal(set) var ledger: LedgerState
  public internal(set) var now: Date
  /// The zone days are worked out in: the ledger's own once it names one, also when someone
  /// sets it while the screen is open (`ScreenZone`).
  public internal(set) var zone: TimeZone
  public let options: Options
  public var frame: ScreenFrame
  public let glyphs: Glyphs

  public internal(set) var pages: [Page] = [.team]
  public internal(set) var pageIndex = 0
  var pageStartedAt: Date
  /// Time already spent on the page when it was paused; nil while running.
  public internal(set) var pausedAfter: TimeInterval?
  /// When the display last took in a change of the ledger.
  public internal(set) var updatedAt: Date
  var digest: MeetingDigest

  public init(ledger: LedgerState, now: Date, zone: TimeZone, options: Options, width: Int, height: Int, isUnicode: Bool) {
    self.ledger = ledger
    self.now = now
    self.zone = zone
    self.options = options
    frame = ScreenFrame(width: width, height: height)
    glyphs = Glyphs.forTerminal(isUnicode: isUnicode)
    pageStartedAt = now
    updatedAt = now
    digest = MeetingDigest(ledger, now: now, zone: zone)
    pages = Self.pages(for: ledger, options: options)
  }

  public var page: Page { pages[pageIndex] }

  var localNow: LocalMoment { LocalMoment(now, in: zone) }

  /// Seconds the page has left on screen.
  var secondsLeft: TimeInterval {
    max(0, options.interval - (pausedAfter ?? now.timeIntervalSince(pageStartedAt)))
  }

  /// The team's page, what the breakthrough will take (when it is laid out), everyone who has
  /// made or received a promise, in name order or shuffled, then the team's weeks, and last why
  /// promises slipped (once any has): what to work on, said after everyone has spoken.
  static func pages(for ledger: LedgerState, options: Options) -> [Page] {
    var people = ledger.people.sorted()
    if let seed = options.shuffleSeed {
      var generator = SeededGenerator(seed: seed)
      people.shuffle(using: &generator)
    }
    return [.team] + (ledger.conversations.elements.isEmpty ? [] : [.elements]) + people.map(Page.person) + [.weekly]
      + (ledger.reasons.misses.isEmpty ? [] : [.slips])
  }

  mutating func turn(by step: Int) {
    pageIndex = ((pageIndex + step) % pages.count + pages.count) % pages.count
    pageStartedAt = now
    if pausedAfter != nil { pausedAfter = 0 }
  }

  mutating func togglePause() {
    if let spent = pausedAfter {
      pageStartedAt = now.addingTimeInterval(-spent)
      pausedAfter = nil
    } else {
      pausedAfter = now.timeIntervalSince(pageStartedAt)
    }
  }
}
