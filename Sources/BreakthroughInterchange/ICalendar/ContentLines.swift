import BreakthroughCore
import Foundation

/// iCalendar content lines (RFC 5545 §3.1): each ended by CRLF and folded at 75 octets, never
/// inside a UTF-8 sequence; continuation lines begin with one space.
struct ContentLines {
  private(set) var text = ""

  /// Adds `NAME[;PARAMETERS]:VALUE`, the value written as given (already escaped when TEXT).
  mutating func add(_ name: String, _ value: String) {
    var bytes = Array("\(name):\(value)".utf8)[...]
    var limit = 75
    while bytes.count > limit {
      var cut = bytes.startIndex + limit
      // A continuation byte (10xxxxxx) never starts a piece.
      while bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
      text += String(decoding: bytes[..<cut], as: UTF8.self) + "\r\n "
      bytes = bytes[cut...]
      limit = 74
    }
    text += String(decoding: bytes, as: UTF8.self) + "\r\n"
  }

  /// Adds a TEXT property: `\`, `;`, `,` and newlines escaped, other control characters shown
  /// as visible escapes (a calendar shows them as text, never as control characters).
  mutating func addText(_ name: String, _ value: String) {
    add(name, Self.escapedText(value))
  }

  static func escapedText(_ value: String) -> String {
    let lines = value.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
    return lines.map { line in
      var escaped = ""
      for character in Escaping.forDisplay(String(line)) {
        switch character {
        case "\\", ";", ",": escaped += "\\\(character)"
        default: escaped.append(character)
        }
      }
      return escaped
    }.joined(separator: "\\n")
  }

  /// `20261127T160000Z`: an instant in UTC.
  static func utc(_ instant: Date) -> String {
    let moment = LocalMoment(instant, in: TimeZone(identifier: "UTC")!)
    let second = moment.secondOfDay
    return "\(basic(moment.day))T\(pad(second / 3600, 2))\(pad(second / 60 % 60, 2))\(pad(second % 60, 2))Z"
  }

  /// `20261127`: a DATE value.
  static func basic(_ day: CalendarDay) -> String {
    let parts = day.parts
    return "\(pad(parts.year, 4))\(pad(parts.month, 2))\(pad(parts.day, 2))"
  }

  private static func pad(_ value: Int, _ width: Int) -> String {
    String(repeating: "0", count: max(0, width - String(value).count)) + String(value)
  }
}
