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

  static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Date? {
    guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z") else { return nil }
    func digits(_ start: Int, _ count: Int) -> Int? {
      var value = 0
      for index in start..<(start + count) {
        let byte = bytes[index]
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
      }
      return value
    }
    guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
      bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
      let year = digits(0, 4), let month = digits(5, 2), let dayOfMonth = digits(8, 2),
      let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
      hour < 24, minute < 60, second < 61,
      let day = CalendarDay(year: year, month: month, day: dayOfMonth)
    else { return nil }
    var fraction = 0.0
    if bytes.count > 20 {
      let fractionDigits = bytes.count - 21
      guard bytes[19] == UInt8(ascii: "."), (1...9).contains(fractionDigits),
        let value = digits(20, fractionDigits)
      else { return nil }
      fraction = Double(value) / pow(10, Double(fractionDigits))
    }
    let seconds = day.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second
    return Date(timeIntervalSince1970: Double(seconds) + fraction)
  }
}

func floorDivide(_ value: Int, _ divisor: Int) -> Int {
  value >= 0 ? value / divisor : (value - divisor + 1) / divisor
}
