import ArgumentParser
import BreakthroughCore

struct ConfidenceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "confidence",
    abstract: "State your confidence in an open promise: on-track, at-risk or off-track.")

  @Argument(help: "The promise, e.g. P12.", completion: .openPromises) var number: String
  @Argument(help: "on-track, at-risk or off-track", completion: .list(Confidence.allCases.map(\.rawValue))) var level: String
  @Option(help: "A note for the record.") var note: String?
  @OptionGroup var common: CommonOptions

  func run() throws {
    guard let confidence = Confidence(rawValue: level.lowercased()) else {
      throw CommandFailure("\"\(Escaping.forDisplay(level))\" is not a confidence: use on-track, at-risk or off-track")
    }
    let session = try common.openSession(forWriting: true)
    try session.perform(.confidence(promise: try session.promiseID(named: number), level: confidence, note: note))
  }
}
