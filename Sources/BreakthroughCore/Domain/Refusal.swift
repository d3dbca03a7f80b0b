/// A move or an input that was not accepted, with a sentence that says why and what to do.
public struct Refusal: Error, Equatable, CustomStringConvertible, Sendable {
  public let message: String

  public init(_ message: String) {
    self.message = message
  }

  public var description: String { message }
}
