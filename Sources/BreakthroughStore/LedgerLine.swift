import BreakthroughCore

/// One line of the ledger file as read, for showing the ledger as it is (`log`).
public struct LedgerLine: Sendable {
  public enum Content: Sendable {
    case event(Event)
    case unknownKind(String)
    case unreadable(String)
  }

  /// 1-based line number in the file.
  public let number: Int
  public let content: Content
}

extension FileLedger {
  public func entries(after line: Int) throws(StoreError) -> [LedgerLine] {
    try Self.readLines(path: path, after: line)
  }

  /// The lines of the ledger at `path` after line `after` (0: every one), decoded (a missing
  /// file has none).
  public static func readLines(path: String, after: Int = 0) throws(StoreError) -> [LedgerLine] {
    guard let file = try PosixFile.openForReading(path) else { return [] }
    let bytes = try file.readToEnd(from: 0)
    return bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated().dropFirst(after).compactMap { offset, line in
      if line.isEmpty && offset > 0 && line.startIndex == bytes.count { return nil }
      let content: LedgerLine.Content
      do throws(Refusal) {
        switch try Array(line).withUnsafeBufferPointer({ (buffer) throws(Refusal) in try EventCoding.decode(buffer) }) {
        case .event(let event): content = .event(event)
        case .unknownKind(let kind): content = .unknownKind(kind)
        }
      } catch {
        content = .unreadable(error.message)
      }
      return LedgerLine(number: offset + 1, content: content)
    }
  }
}
