/// A parsed JSON value. Objects keep their members in order, as a list: ledger lines have
/// a dozen keys, and a short list is faster to build and search than a dictionary.
public enum JSONValue: Equatable, Sendable {
  case string(String)
  case number(Double)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([(key: String, value: JSONValue)])

  /// The member named `key` of an object.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    // Lengths first: reading a line looks up a dozen names among a dozen, and comparing two
    // short strings that differ costs a call, their lengths a load.
    let length = key.utf8.count
    return members.first(where: { $0.key.utf8.count == length && $0.key == key })?.value
  }

  public var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  public var intValue: Int? {
    guard case .number(let number) = self, number == number.rounded(), abs(number) < 9e15 else { return nil }
    return Int(number)
  }

  public var boolValue: Bool? {
    if case .bool(let flag) = self { return flag }
    return nil
  }

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.string(let a), .string(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b
    case (.bool(let a), .bool(let b)): return a == b
    case (.null, .null): return true
    case (.array(let a), .array(let b)): return a == b
    case (.object(let a), .object(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: return false
    }
  }
}
