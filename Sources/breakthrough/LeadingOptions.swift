/// Options that every command takes, written before the command instead of after it
/// (`breakthrough --store ~/team.jsonl --as ana promise …`), so that an alias such as
/// `alias bt='breakthrough --store ~/team.jsonl'` works with every command.
enum LeadingOptions {
  /// The options that may lead, each followed by its value (or joined to it with `=`).
  static let names: Set<String> = ["--store", "--as", "--theme"]
  /// The flags that may lead: no value follows them.
  static let flags: Set<String> = ["--no-mouse"]

  /// The arguments with leading options moved after the command they precede; unchanged when
  /// no command follows them (the board, the default command, takes them where they are).
  static func reordered(_ arguments: [String], commands: Set<String>) -> [String] {
    var leading: [String] = []
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      let name = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
      guard names.contains(name) || flags.contains(name) else { break }
      let joined = argument.contains("=") || flags.contains(name)
      leading += arguments[index..<min(arguments.count, index + (joined ? 1 : 2))]
      index += joined ? 1 : 2
    }
    guard !leading.isEmpty, index < arguments.count, commands.contains(arguments[index]) else { return arguments }
    var rest = Array(arguments[index...])
    // After a `--` everything is an argument: the options go before it.
    let end = rest.firstIndex(of: "--") ?? rest.count
    rest.insert(contentsOf: leading, at: end)
    return rest
  }
}
