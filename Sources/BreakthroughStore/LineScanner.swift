import BreakthroughCore

/// Folds complete ledger lines from a run of bytes into a state, and says where it stopped.
///
/// A line that is a JSON object but not an event this build can read is left out, named in the
/// state, like an event the rule book refuses: one bad line never stops anyone. A line that is
/// not a JSON object is damage when more lines follow it; when it is the last line it may be a
/// torn write, so scanning stops before it and leaves it to the caller.
struct LineScanner {
  /// Bytes consumed: up to the end of the last line folded (or recorded as damage).
  private(set) var consumed = 0
  /// Complete lines consumed.
  private(set) var lines = 0
  /// The first damaged line seen, by number and reason.
  private(set) var damage: (line: Int, reason: String)?
  /// Lines of a kind from a newer format: line number and kind.
  private(set) var unknownKinds: [(line: Int, kind: String)] = []
  /// Why the last line (if any is left) could not be read.
  private(set) var tailProblem: String?

  /// Folds the complete lines of `bytes` into `state`; `firstLine` numbers the first of them.
  mutating func scan(_ bytes: [UInt8], firstLine: Int, into state: inout LedgerState) {
    bytes.withUnsafeBufferPointer { buffer in
      var start = 0
      while start < buffer.count {
        guard let newline = firstNewline(in: buffer, from: start) else {
          tailProblem = "the last line has no line end"
          return
        }
        let lineNumber = firstLine + lines
        let line = UnsafeBufferPointer(rebasing: buffer[start..<newline])
        do throws(Refusal) {
          switch try EventCoding.decode(line) {
          case .event(let event): state.apply(event)
          case .unknownKind(let kind): unknownKinds.append((lineNumber, kind))
          }
        } catch {
          if let header = EventCoding.header(of: line) {
            state.leaveOutUnreadable(line: lineNumber, header: header, reason: error.message)
          } else if newline + 1 == buffer.count {
            tailProblem = error.message
            return
          } else {
            state.lineLost()
            if damage == nil { damage = (lineNumber, error.message) }
          }
        }
        lines += 1
        start = newline + 1
        consumed = start
      }
    }
  }

  private func firstNewline(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    var index = start
    while index < buffer.count {
      if buffer[index] == 0x0A { return index }
      index += 1
    }
    return nil
  }
}
