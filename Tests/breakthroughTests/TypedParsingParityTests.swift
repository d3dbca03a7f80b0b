import ArgumentParser
import Testing

@testable import breakthrough

/// `list` and `stats` are read twice over: by the argument parser (`ListCommand`,
/// `StatsCommand`) and, as scripts type them, by hand (`init?(typed:)`), which spares the
/// parser's start-up. Whatever the hand reader accepts, the parser must read the same way, and
/// every option of the command must be one the hand reader knows: an option added to one alone
/// fails here.
@Suite struct TypedParsingParityTests {
  /// One command read both ways.
  struct Reader: CustomTestStringConvertible, Sendable {
    let name: String
    let help: @Sendable () -> String
    let typed: @Sendable ([String]) -> (any Equatable)?
    /// The parser's reading, equal to the hand reader's; throws what the parser refuses with.
    let parsedEquals: @Sendable ([String], any Equatable) throws -> Bool
    let message: @Sendable (Error) -> String
    /// An example value for each option that takes one, and what the parser must refuse.
    let values: [String: [String]]
    /// Spellings worth trying beyond every option alone and every pair.
    let hostile: [[String]]

    var testDescription: String { name }
  }

  static let common: [String: [String]] = [
    "--format": ["table", "tsv", "json", "csv", "TSV", "xml", ""], "--store": ["/tmp/ledger.jsonl", "postgres://ana@/team", "with space"],
    "--as": ["ana", "ben"],
  ]

  static let readers: [Reader] = [
    Reader(
      name: "list", help: { ListCommand.helpMessage(columns: 200) }, typed: { ListRequest(typed: $0) },
      parsedEquals: { arguments, typed in try ListCommand.parse(arguments).request == typed as? ListRequest },
      message: { ListCommand.message(for: $0) }, values: common.merging(["--person": ["ben", "ana.b", "名前"]]) { $1 },
      hostile: [
        ["--open", "--open"], ["--all", "--overdue"], ["--person", "ben", "--person", "ana"], ["-h"], ["--per", "ben"], ["--all", "extra"],
        ["--format", "-x"], ["--person", "-ben"], ["---all"], ["--"], ["--", "--all"], ["--raw=false"], ["--requests", "--waiting-on-me"],
        ["--store", "--all"], ["--as=", "--all"], ["--\u{1b}[31m"], ["--format=csv", "--raw", "--person=ana", "--as=ben", "--store=/x"],
      ]),
    Reader(
      name: "stats", help: { StatsCommand.helpMessage(columns: 200) }, typed: { StatsRequest(typed: $0) },
      parsedEquals: { arguments, typed in try StatsCommand.parse(arguments).request == typed as? StatsRequest },
      message: { StatsCommand.message(for: $0) },
      values: common.merging(["--since": ["2026-01-01", "mon", "-1"], "--weeks": ["12", "0", "-3", "+4", "x", " 5"]]) { $1 },
      hostile: [
        ["--weekly", "--weekly"], ["--weekly", "--reasons"], ["--weeks", "4"], ["--show-rates"], ["--reasons", "--since", "-x"],
        ["--weekly", "--weeks", "999999999999999999999"], ["--week"], ["--weekly", "--raw", "--format=csv", "--weeks=3", "--show-rates"],
        ["--reasons", "--since=2026-01-01", "--format", "json"], ["--weekly", "extra"], ["--", "--weekly"], ["-h"],
      ]),
  ]

  /// Every long option the command's help names.
  static func options(_ reader: Reader) -> Set<String> {
    Set(reader.help().matches(of: /--[a-z][a-z-]*/).map { String($0.output) })
  }

  /// Each option alone (and `=` spelled), every pair of them in both orders, and hostile
  /// spellings.
  static func corpus(_ reader: Reader) -> [[String]] {
    var lines: [[String]] = [[]]
    var representatives: [[String]] = []
    for option in options(reader).sorted() {
      if let examples = reader.values[option] {
        for value in examples { lines += [[option, value], ["\(option)=\(value)"]] }
        lines += [[option], [option, ""], [option, "--raw"], ["\(option)="]]
        representatives.append([option, examples[0]])
      } else {
        lines += [[option], ["\(option)=yes"], ["\(option)="]]
        representatives.append([option])
      }
    }
    for first in representatives { for second in representatives { lines.append(first + second) } }
    return lines + reader.hostile
  }

  @Test(arguments: readers) func everyOptionOfTheCommandIsReadByHand(_ reader: Reader) {
    let options = Self.options(reader)
    let readByHand = Set(
      Self.corpus(reader).filter { reader.typed($0) != nil }.flatMap { $0 }.map { String($0.prefix { $0 != "=" }) })
    #expect(options.count >= 8, "the help names the command's options: \(options.sorted())")
    for option in options.subtracting(["--help"]) {
      #expect(readByHand.contains(option), "\(option) is read by the argument parser only: teach \(reader.name)'s init?(typed:) it")
    }
  }

  @Test(arguments: readers) func whatTheHandReaderAcceptsTheParserReadsTheSameWay(_ reader: Reader) {
    var accepted = 0
    let corpus = Self.corpus(reader)
    for arguments in corpus {
      guard let typed = reader.typed(arguments) else { continue }
      accepted += 1
      do {
        #expect(try reader.parsedEquals(arguments, typed), "\(arguments)")
      } catch {
        Issue.record("the parser refuses \(arguments), which the hand reader took: \(reader.message(error))")
      }
    }
    #expect(accepted > Self.options(reader).count, "the corpus exercises the hand reader: \(accepted) of \(corpus.count)")
  }
}
