/// A command's options as scripts type them, read without the argument parser: full names
/// only, a value after its option or after `=`, each option once. The argument parser looks
/// over a command's options by reflection first, about 4–5 ms, which was most of what a short
/// `list` cost and a tenth of `stats --weekly` on a long ledger. Anything else (help, an
/// abbreviation, a mistake) is nil, for the argument parser to read and answer as it does
/// every command.
struct TypedOptions {
  /// Each option typed, by name (`--format`): its value, or "" for a flag.
  private(set) var values: [String: String] = [:]

  /// Reads `arguments`, knowing `flags` and the options that take a value (`valued`); flags
  /// in one of `oneOf`'s groups are one choice, so no two of a group may be typed.
  init?(_ arguments: [String], flags: Set<String>, valued: Set<String>, oneOf: [Set<String>] = []) {
    var rest = arguments[...]
    var chosen: Set<Int> = []
    while let argument = rest.popFirst() {
      let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
      let name = parts[0]
      guard name.hasPrefix("--"), values[name] == nil else { return nil }
      if let group = oneOf.firstIndex(where: { $0.contains(name) }), !chosen.insert(group).inserted { return nil }
      if flags.contains(name) {
        guard parts.count == 1 else { return nil }
        values[name] = ""
      } else if valued.contains(name) {
        // `--person=` names no one: the argument parser says the value is missing.
        if parts.count == 2 {
          guard !parts[1].isEmpty else { return nil }
          values[name] = parts[1]
        } else {
          guard let next = rest.first, !next.hasPrefix("-") else { return nil }
          values[name] = rest.popFirst()
        }
      } else {
        return nil
      }
    }
  }

  /// Whether the flag `name` was typed.
  func has(_ name: String) -> Bool { values[name] != nil }

  /// The value typed for `name`.
  subscript(_ name: String) -> String? { values[name] }
}

/// A command that can be read from what scripts type without the argument parser.
protocol TypedRequest {
  /// Nil when the argument parser must read `arguments` (see `TypedOptions`).
  init?(typed arguments: [String])
  func run() throws
}
