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

  /// The arguments with leading options moved after the command they precede, and options
  /// between a command group and its subcommand (`store --store URL init`) moved after the
  /// subcommand; unchanged when no command follows them (the board, the default command, takes
  /// them where they are). `isCommand` is asked only when options lead: the commands' names are
  /// worked out from their configurations, which a plain `list` need not build.
  static func reordered(
    _ arguments: [String], isCommand: (String) -> Bool, isSubcommand: (_ group: String, _ name: String) -> Bool = { _, _ in false }
  ) -> [String] {
    var result = moved(arguments[...], before: isCommand)
    if let group = result.first, result.count > 2, names.contains(optionName(result[1])) || flags.contains(optionName(result[1])) {
      result = [group] + moved(result[1...]) { isSubcommand(group, $0) }
    }
    return result
  }

  private static func optionName(_ argument: String) -> String {
    String(argument.split(separator: "=", maxSplits: 1).first ?? "")
  }

  /// `arguments` with the options that lead them moved after the word that follows them, when
  /// `isWanted` says that word is a command.
  private static func moved(_ arguments: ArraySlice<String>, before isWanted: (String) -> Bool) -> [String] {
    var leading: [String] = []
    var index = arguments.startIndex
    while index < arguments.endIndex {
      let argument = arguments[index]
      let name = optionName(argument)
      guard names.contains(name) || flags.contains(name) else { break }
      let joined = argument.contains("=") || flags.contains(name)
      leading += arguments[index..<min(arguments.endIndex, index + (joined ? 1 : 2))]
      index += joined ? 1 : 2
    }
    guard !leading.isEmpty, index < arguments.endIndex, isWanted(arguments[index]) else { return Array(arguments) }
    var rest = Array(arguments[index...])
    // After a `--` everything is an argument: the options go before it.
    let end = rest.firstIndex(of: "--") ?? rest.count
    rest.insert(contentsOf: leading, at: end)
    return rest
  }
}
