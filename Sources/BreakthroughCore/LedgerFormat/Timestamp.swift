import Foundation

/// The instant of an event as the ledger writes it: UTC, ISO 8601, milliseconds
/// (`2026-11-26T23:50:00.123Z`). Hand-written both ways because the fold reads one per line.
public enum Timestamp {
  /// The ledger text of `instant`.
  public static func text(_ instant: Date) -> String {
    let milliseconds = Int((instant.timeIntervalSince1970 * 1000).rounded(.down))
    let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
    let moment = LocalMoment(
      day: CalendarDay(daysSinceEpoch: floorDivide(seconds, 86_400)),
      secondOfDay: seconds - floorDivide(seconds, 86_400) * 86_400)
    let second = moment.secondOfDay % 60
    return "\(moment.day.iso)T\(moment.clock):\(pad(second, 2)).\(pad(milliseconds - seconds * 1000, 3))Z"
  }

  /// Reads `YYYY-MM-DDTHH:MM:SS[.fff]Z`.
  public static func parse(_ text: String) -> Date? {
    var copy = text
    return copy.withUTF8 { parse(utf8: $0) }
  }

  /// Reads `YYYY-MM-DDTHH:MM:SS[.fff]Z` from its UTF-8.
  static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Date? {
    guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z") else { return nil }
    guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
      bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
      let year = bytes.decimal(at: 0, digits: 4), let month = bytes.decimal(at: 5, digits: 2),
      let dayOfMonth = bytes.decimal(at: 8, digits: 2), let hour = bytes.decimal(at: 11, digits: 2),
      let minute = bytes.decimal(at: 14, digits: 2), let second = bytes.decimal(at: 17, digits: 2),
      hour < 24, minute < 60, second < 61,
      let day = CalendarDay(year: year, month: month, day: dayOfMonth)
    else { return nil }
    var fraction = 0.0
    if bytes.count > 20 {
      let fractionDigits = bytes.count - 21
      guard bytes[19] == UInt8(ascii: "."), (1...9).contains(fractionDigits),
        let value = bytes.decimal(at: 20, digits: fractionDigits)
      else { return nil }
      fraction = Double(value) / powersOfTen[fractionDigits]
    }
    let seconds = day.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second
    return Date(timeIntervalSince1970: Double(seconds) + fraction)
  }

  /// 10 to the power of each count of fraction digits (1 to 9): exactly what `pow` gives,
  /// without a call for every line.
  private static let powersOfTen: [Double] = (0...9).map { pow(10, Double($0)) }
}

func floorDivide(_ value: Int, _ divisor: Int) -> Int {
  value >= 0 ? value / divisor : (value - divisor + 1) / divisor
}
