/// Options that every command takes, written before the command instead of after it
/// (`breakthrough --store ~/team.jsonl --as ana promise …`), so that an alias such as
/// `alias bt='breakthrough --store ~/team.jsonl'` works with every command.
enum LeadingOptions {
  /// The options that may lead, each followed by its value (or joined to it with `=`).
  /// (Arrays, not sets: a first set of strings costs the runtime a quarter of a millisecond to
  /// set up, a tenth of what a short `list` takes.)
  static let names = ["--store", "--as", "--theme"]
  /// The flags that may lead: no value follows them.
  static let flags = ["--no-mouse"]

  /// The arguments with leading options moved after the command they precede; unchanged when
  /// no command follows them (the board, the default command, takes them where they are).
  /// `isCommand` is asked only when options lead: the commands' names are worked out from
  /// their configurations, which a plain `list` need not build.
  static func reordered(_ arguments: [String], isCommand: (String) -> Bool) -> [String] {
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
    guard !leading.isEmpty, index < arguments.count, isCommand(arguments[index]) else { return arguments }
    var rest = Array(arguments[index...])
    // After a `--` everything is an argument: the options go before it.
    let end = rest.firstIndex(of: "--") ?? rest.count
    rest.insert(contentsOf: leading, at: end)
    return rest
  }
}
