import Testing

@testable import breakthrough

/// `list` is read twice over: by the argument parser (`ListCommand`) and, as scripts type it,
/// by hand (`ListRequest(typed:)`), which spares the parser's start-up. Whatever the hand
/// reader accepts, the parser must read the same way, and every option of the command must
/// be one the hand reader knows: an option added to one alone fails here.
@Suite struct ListParsingParityTests {
  /// Every long option the command's help names.
  static let options: Set<String> = {
    let help = ListCommand.helpMessage(columns: 200)
    return Set(help.matches(of: /--[a-z][a-z-]*/).map { String($0.output) })
  }()

  /// An example value for each option that takes one, and what the parser must refuse.
  static let values: [String: [String]] = [
    "--person": ["ben", "ana.b", "名前"], "--format": ["table", "tsv", "json", "csv", "TSV", "xml", ""],
    "--store": ["/tmp/ledger.jsonl", "postgres://ana@/team", "with space"], "--as": ["ana", "ben"],
  ]

  /// Each option alone (and `=` spelled), every pair of them in both orders, and hostile
  /// spellings.
  static let corpus: [[String]] = {
    var lines: [[String]] = [[]]
    var representatives: [[String]] = []
    for option in options.sorted() {
      if let examples = values[option] {
        for value in examples { lines += [[option, value], ["\(option)=\(value)"]] }
        lines += [[option], [option, ""], [option, "--raw"], ["\(option)="]]
        representatives.append([option, examples[0]])
      } else {
        lines += [[option], ["\(option)=yes"], ["\(option)="]]
        representatives.append([option])
      }
    }
    for first in representatives { for second in representatives { lines.append(first + second) } }
    lines += [
      ["--open", "--open"], ["--all", "--overdue"], ["--person", "ben", "--person", "ana"], ["-h"], ["--per", "ben"], ["--all", "extra"],
      ["--format", "-x"], ["--person", "-ben"], ["---all"], ["--"], ["--", "--all"], ["--raw=false"], ["--requests", "--waiting-on-me"],
      ["--store", "--all"], ["--as=", "--all"], ["--\u{1b}[31m"], ["--format=csv", "--raw", "--person=ana", "--as=ben", "--store=/x"],
    ]
    return lines
  }()

  @Test func everyOptionOfTheCommandIsReadByHand() {
    let readByHand = Set(Self.corpus.filter { ListRequest(typed: $0) != nil }.flatMap { $0 }.map { String($0.prefix { $0 != "=" }) })
    #expect(Self.options.count >= 10, "the help names the command's options: \(Self.options.sorted())")
    for option in Self.options.subtracting(["--help"]) {
      #expect(readByHand.contains(option), "\(option) is read by the argument parser only: teach ListRequest(typed:) it")
    }
  }

  @Test func whatTheHandReaderAcceptsTheParserReadsTheSameWay() {
    var accepted = 0
    for arguments in Self.corpus {
      guard let typed = ListRequest(typed: arguments) else { continue }
      accepted += 1
      do {
        #expect(try ListCommand.parse(arguments).request == typed, "\(arguments)")
      } catch {
        Issue.record("the parser refuses \(arguments), which the hand reader took: \(ListCommand.message(for: error))")
      }
    }
    #expect(accepted > Self.options.count, "the corpus exercises the hand reader: \(accepted) of \(Self.corpus.count)")
  }
}
