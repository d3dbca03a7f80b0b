import BreakthroughCore
import Foundation

/// Who held the writers' lock when a write gave up waiting for it, as the server's
/// `breakthrough_lock_holder` lists them (`login|since`, comma-separated; the time in UTC, or
/// empty when the server cannot tell), said in a sentence.
struct TeamLockHolders {
  let holders: [(login: String, since: Date?)]

  init(_ detail: String) {
    let parser = ISO8601DateFormatter()
    holders = detail.split(separator: ",").map { holder in
      let fields = holder.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
      return (String(fields[0]), fields.count > 1 ? parser.date(from: String(fields[1])) : nil)
    }
  }

  /// "the writers' lock has been held by ben since 09:14 for more than 5 s: …"
  var sentence: String {
    guard !holders.isEmpty else {
      return "the writers' lock of the team ledger was held by another session for more than 5 s; try again"
    }
    let named = holders.map { holder in
      Escaping.forDisplay(holder.login) + (holder.since.map { " since \(LocalMoment($0, in: .current).clock)" } ?? "")
    }
    return "the writers' lock of the team ledger has been held by \(named.joined(separator: " and ")) for more than 5 s; "
      + "try again once that write ends (a session left open holds it: ask its owner to close it)"
  }
}
