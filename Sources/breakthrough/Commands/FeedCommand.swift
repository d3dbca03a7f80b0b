import ArgumentParser
import BreakthroughCore
import BreakthroughStore
import Foundation

struct FeedCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "feed",
    abstract: "Follow the ledger and hand each new event to a command or a chat's webhook.",
    discussion: """
      --exec CMD runs CMD (with /bin/sh) for each event, the event as one JSON object on its standard input: \
      {"line": N, "text": "the event in words", "event": {the ledger line}}, with "leftOut": "why" for an event the \
      ledger keeps but does not apply. --webhook URL posts {"text": "the event in words"} to a Slack, Mattermost or \
      Rocket.Chat incoming webhook, with curl.

      The feed starts at the end of the ledger (--from-start: at its first event). With --cursor FILE it remembers the \
      last event it delivered, so a restart neither repeats nor skips one. A command or a post that fails is tried again, \
      1, 2, 4 … 60 seconds apart, each failure reported; the feed moves on only past what was delivered. It stops \
      cleanly on Ctrl-C or SIGTERM, letting a command or post under way finish for up to 10 seconds.
      """)

  @Option(help: ArgumentHelp("Run this shell command for each event, the event as JSON on its standard input.", valueName: "command"))
  var exec: String?
  @Option(help: ArgumentHelp("Post each event in words to this incoming-webhook URL.", valueName: "url")) var webhook: String?
  @Option(help: ArgumentHelp("Remember the last event delivered in this file, and start after it.", valueName: "file"))
  var cursor: String?
  @Flag(help: "Start at the ledger's first event instead of its end (when the cursor file does not exist yet).")
  var fromStart = false
  @OptionGroup var common: CommonOptions

  /// The longest wait between two tries of a failing delivery.
  static let longestBackoff: Double = 60

  func validate() throws {
    guard (exec == nil) != (webhook == nil) else { throw ValidationError("give either --exec COMMAND or --webhook URL (one of them)") }
  }

  func run() throws {
    let target: FeedTarget = exec.map(FeedTarget.command) ?? .webhook(webhook ?? "")
    try target.validate()
    let cursorPath = cursor.map { ($0 as NSString).expandingTildeInPath }
    let session = try common.openSession(listening: true)
    StopSignal.install()
    var position = try start(session.ledger, cursorPath: cursorPath)
    if let cursorPath { try position.write(to: cursorPath) }
    let folder = try Self.privateFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    FileHandle.standardError.write(
      Data("feed: following the ledger after line \(position.line), into \(Escaping.forDisplay(target.place))\n".utf8))
    // The fold names a left-out event by its place among the lines read as events, as `log` counts them.
    var delivery = Delivery(
      target: target, folder: folder, session: session,
      events: try session.ledger.entries().prefix { $0.number <= position.line }.count { $0.event != nil })
    // The ledger is read again only when folding found new lines: a still ledger costs a stat.
    var changed = true
    while !StopSignal.isRequested {
      for line in changed ? try session.ledger.entries(after: position.line) : [] {
        guard delivery.deliver(line) else { break }
        position = FeedCursor(line: line.number, eventID: line.event?.id)
        if let cursorPath { try position.write(to: cursorPath) }
      }
      changed = waitForChange(session)
    }
    FileHandle.standardError.write(Data("feed: stopped after line \(position.line)\n".utf8))
  }

  /// Where the feed starts: after the cursor's line, checked to be the same event; else at the
  /// end of the ledger, or before its first line.
  private func start(_ ledger: LedgerStore, cursorPath: String?) throws -> FeedCursor {
    if let cursorPath, let saved = try FeedCursor.read(from: cursorPath) {
      guard saved.line > 0 else { return saved }
      let found = try ledger.entries(after: saved.line - 1).first
      guard let found, found.number == saved.line, found.event?.id == saved.eventID else {
        throw CommandFailure(
          "the cursor \(cursorPath) names line \(saved.line) of another ledger (or of this one before it was replaced): "
            + "the feed cannot tell what it delivered; delete the cursor to start at the end of the ledger, or use the ledger it was for")
      }
      return saved
    }
    if fromStart { return FeedCursor(line: 0, eventID: nil) }
    let last = try ledger.entries().last
    return FeedCursor(line: last?.number ?? 0, eventID: last?.event?.id)
  }

  /// Waits until the ledger may have changed: a team ledger's notification (within a second),
  /// or half a second for a file; then folds it in. True when it found new lines.
  private func waitForChange(_ session: Session) -> Bool {
    if let descriptor = session.ledger.changeDescriptor {
      var watched = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
      _ = poll(&watched, 1, 500)
    } else {
      StopSignal.sleep(0.5)
    }
    guard !StopSignal.isRequested else { return false }
    defer { session.reportWarnings() }
    do {
      return try session.ledger.refresh()
    } catch {
      session.warn("the feed could not read the ledger: \(error); trying again")
      StopSignal.sleep(2)
      return false
    }
  }

  /// A folder only this user can read, for what a delivery hands to its program.
  private static func privateFolder() throws -> String {
    var template = Array((NSTemporaryDirectory() + "breakthrough-feed-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else {
      throw CommandFailure(
        "cannot make a temporary folder for the feed: \(String(cString: strerror(errno))); set TMPDIR to a writable folder")
    }
    return String(cString: made)
  }
}

/// Hands the ledger's lines to the target one at a time, each until it is delivered.
private struct Delivery {
  let target: FeedTarget
  let folder: String
  let session: Session
  /// The lines read as events so far, delivered or passed.
  var events: Int

  /// Delivers `line`, trying again with a growing wait until it is delivered; true when it
  /// was, false when the feed is stopping.
  mutating func deliver(_ line: LedgerLine) -> Bool {
    let ordinal = line.event == nil ? nil : events + 1
    let message = FeedMessage(line, ordinal: ordinal, state: session.state)
    var wait: Double = 1
    var failures = 0
    while true {
      switch target.deliver(message, folder: folder) {
      case .succeeded:
        if let ordinal { events = ordinal }
        if failures > 0 { report("delivered line \(line.number) to \(target.place) after \(failures + 1) tries") }
        return true
      case .stopped:
        return false
      case .failed(let reason):
        if StopSignal.isRequested { return false }
        failures += 1
        report(
          "delivering line \(line.number) (\(message.text)) to \(target.place) failed: \(reason); trying again in \(Int(wait)) s")
        StopSignal.sleep(wait)
        if StopSignal.isRequested { return false }
        wait = min(wait * 2, FeedCommand.longestBackoff)
      }
    }
  }

  private func report(_ words: String) {
    FileHandle.standardError.write(Data("feed: \(Escaping.forDisplay(words))\n".utf8))
  }
}

extension LedgerLine {
  /// The event on the line, when it holds one this version reads.
  fileprivate var event: Event? {
    if case .event(let event) = content { return event }
    return nil
  }
}
