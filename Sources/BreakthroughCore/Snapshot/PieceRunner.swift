/// How an open reads a snapshot's pieces (its segments and its id index): `run(count, piece)`
/// calls `piece` once for each of `0..<count` and returns when every call has.
///
/// The core starts no threads of its own: the store passes a runner that reads the pieces on
/// every core at once, and a caller that wants them on the calling thread passes `oneAtATime`.
public struct PieceRunner: Sendable {
  public let run: @Sendable (_ count: Int, _ piece: @escaping @Sendable (Int) -> Void) -> Void

  public init(_ run: @escaping @Sendable (_ count: Int, _ piece: @escaping @Sendable (Int) -> Void) -> Void) {
    self.run = run
  }

  /// Each piece in turn, on the calling thread.
  public static let oneAtATime = PieceRunner { count, piece in
    for number in 0..<count { piece(number) }
  }
}
