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
    guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 32,
      isLetterOrDigit(first)
    else { return false }
    return text.unicodeScalars.allSatisfy { isLetterOrDigit($0) || $0 == "." || $0 == "_" || $0 == "-" }
  }

  static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII { return ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) }
    let properties = scalar.properties
    return (properties.isAlphabetic && !properties.isUppercase) || properties.numericType == .decimal
  }

  public var description: String { text }

  public static func < (lhs: Handle, rhs: Handle) -> Bool { lhs.text < rhs.text }
}
