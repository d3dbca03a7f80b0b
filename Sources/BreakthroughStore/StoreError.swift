import BreakthroughCore

/// Why the ledger could not be read or written, in words that name the file and the fix.
public enum StoreError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The move was refused by the domain; nothing was written.
  case refused(Refusal)
  /// A complete line that cannot be read: every write is refused until it is mended.
  case damaged(path: String, line: Int, reason: String)
  /// The operating system said no (permissions, disk full, a folder in the way).
  case io(String)
  /// The write was sent and its answer lost: it may be in the ledger. Not to be tried again
  /// as it was (it would be there twice); `log` shows whether it is.
  case mayHaveBeenRecorded(String)

  public var description: String {
    switch self {
    case .refused(let refusal):
      return refusal.message
    case .damaged(let path, let line, let reason):
      return "\(path):\(line): \(reason). Writes are refused so that nothing more is built on a damaged ledger; "
        + "mend or remove that line with an editor (a copy first is wise), then try again"
    case .io(let message), .mayHaveBeenRecorded(let message):
      return message
    }
  }
}
