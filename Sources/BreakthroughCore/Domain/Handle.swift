import Foundation

/// A person's handle (`ana`, `李娜`): letters of any script (lower case), digits, `.`, `_` and
/// `-`, starting with a letter or digit, at most 32 characters. A person exists once named.
public struct Handle: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let text: String

  /// Reads a handle as typed; a leading `@` is allowed and upper case is folded.
  public init(_ typed: String) throws(Refusal) {
    var text = typed.trimmingCharacters(in: .whitespaces).lowercased()
    if text.hasPrefix("@") { text.removeFirst() }
    guard Handle.isValid(text) else {
      throw Refusal(
        "\"\(Escaping.forDisplay(typed))\" is not a handle: use 1 to 32 letters, digits, '.', '_' or '-', starting with a letter or digit, no spaces (for example ana)"
      )
    }
    self.text = text
  }

  /// A handle already checked (read back from the ledger).
  init(checked text: String) {
    self.text = text
  }

  static func isValid(_ text: String) -> Bool {
    // Nearly every handle is ASCII: judged from its bytes, without walking its scalars.
    asciiVerdict(text.utf8) ?? isValidByScalars(text)
  }

  /// The rule itself, scalar by scalar, for any text.
  static func isValidByScalars(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 32,
      isLetterOrDigit(first)
    else { return false }
    return text.unicodeScalars.allSatisfy { isLetterOrDigit($0) || $0 == "." || $0 == "_" || $0 == "-" }
  }

  /// Whether `utf8` is a valid handle, decided from ASCII bytes alone (each is its scalar);
  /// nil when a byte of another character comes before any byte that rules the text out.
  static func asciiVerdict(_ utf8: String.UTF8View) -> Bool? {
    var isFirst = true
    for byte in utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): break
      case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"): if isFirst { return false }
      case 0x80...: return nil
      default: return false
      }
      isFirst = false
    }
    return (1...32).contains(utf8.count)
  }

  static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII { return ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) }
    let properties = scalar.properties
    return (properties.isAlphabetic && !properties.isUppercase) || properties.numericType == .decimal
  }

  public var description: String { text }

  public static func < (lhs: Handle, rhs: Handle) -> Bool { lhs.text < rhs.text }
}
