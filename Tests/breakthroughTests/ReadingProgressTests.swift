import Foundation
import Testing

@testable import breakthrough

/// The line a long read leaves on the terminal: nothing for the first half second, then the
/// count rewritten in place, and nothing left behind.
@Suite struct ReadingProgressTests {
  final class Terminal: @unchecked Sendable {
    var written: [String] = []
    var now = Date(timeIntervalSince1970: 1_800_000_000)
  }

  @Test func itSaysALongReadInPlaceAndTakesItAway() {
    let terminal = Terminal()
    let progress = ReadingProgress(write: { terminal.written.append($0) }, clock: { terminal.now })
    progress.report(read: 20_000, of: 281_680)
    #expect(terminal.written.isEmpty, "a read over within half a second says nothing")
    terminal.now += 0.6
    progress.report(read: 40_000, of: 281_680)
    progress.report(read: 281_680, of: 281_680)
    #expect(
      terminal.written == [
        "\rreading the team ledger into this machine's copy: 40,000 of 281,680 events\u{1B}[K",
        "\rreading the team ledger into this machine's copy: 281,680 of 281,680 events\u{1B}[K",
      ])
    progress.finish()
    #expect(terminal.written.last == "\r\u{1B}[K")
    progress.finish()
    #expect(terminal.written.count == 3, "taken away once")
  }

  @Test func aShortReadLeavesNothing() {
    let terminal = Terminal()
    let progress = ReadingProgress(write: { terminal.written.append($0) }, clock: { terminal.now })
    progress.report(read: 1, of: 1)
    progress.finish()
    #expect(terminal.written.isEmpty)
  }
}
