import BreakthroughCore
import Foundation

/// The zone a screen works its days out in, as its ledger changes under it.
enum ScreenZone {
  /// The ledger's own zone when it names one it did not name in `earlier` (someone set the
  /// team's clock while the screen was open: every day is worked out in it from then on, as a
  /// screen opened now would); else `current`. A name this machine does not know changes nothing.
  static func following(_ ledger: LedgerState, from earlier: LedgerState, current: TimeZone) -> TimeZone {
    guard ledger.zoneName != earlier.zoneName, let named = ledger.zone else { return current }
    return named
  }
}
