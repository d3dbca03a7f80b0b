/// Writes JSON text: compact, members in the order given, every control character escaped.
public enum JSONWriter {
  /// The compact JSON text of `value`.
  public static func text(_ value: JSONValue) -> String {
    var output = ""
    write(value, to: &output)
    return output
  }

  /// Indented JSON text, two spaces a level, for people reading `--format json`.
  public static func prettyText(_ value: JSONValue) -> String {
    var output = ""
    writePretty(value, indent: "", to: &output)
    return output
  }

  static func write(_ value: JSONValue, to output: inout String) {
    switch value {
    case .object(let members):
      output += "{"
      for (offset, member) in members.enumerated() {
        if offset > 0 { output += "," }
        writeString(member.key, to: &output)
        output += ":"
        write(member.value, to: &output)
      }
      output += "}"
    case .array(let elements):
      output += "["
      for (offset, element) in elements.enumerated() {
        if offset > 0 { output += "," }
        write(element, to: &output)
      }
      output += "]"
    default:
      writeScalar(value, to: &output)
    }
  }

  static func writePretty(_ value: JSONValue, indent: String, to output: inout String) {
    let inner = indent + "  "
    switch value {
    case .object(let members) where !members.isEmpty:
      output += "{\n"
      for (offset, member) in members.enumerated() {
        output += inner
        writeString(member.key, to: &output)
        output += ": "
        writePretty(member.value, indent: inner, to: &output)
        output += offset < members.count - 1 ? ",\n" : "\n"
      }
      output += indent + "}"
    case .array(let elements) where !elements.isEmpty:
      output += "[\n"
      for (offset, element) in elements.enumerated() {
        output += inner
        writePretty(element, indent: inner, to: &output)
        output += offset < elements.count - 1 ? ",\n" : "\n"
      }
      output += indent + "]"
    default:
      write(value, to: &output)
    }
  }

  static func writeScalar(_ value: JSONValue, to output: inout String) {
    switch value {
    case .string(let text): writeString(text, to: &output)
    case .number(let number):
      if number == number.rounded(), abs(number) < 9e15 { output += String(Int(number)) } else { output += "\(number)" }
    case .bool(let flag): output += flag ? "true" : "false"
    case .null, .object, .array: output += "null"
    }
  }

  static func writeString(_ text: String, to output: inout String) {
    output += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      default:
        if Escaping.isControl(scalar) || scalar == "\u{2028}" || scalar == "\u{2029}" {
          output += "\\u" + pad16(scalar.value)
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    output += "\""
  }

  static func pad16(_ value: UInt32) -> String {
    let hex = String(value, radix: 16)
    return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }
}
