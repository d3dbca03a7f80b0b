import BreakthroughCore
import Foundation

/// Folds complete ledger lines from a run of bytes into a state, and says where it stopped.
///
/// A line that is a JSON object but not an event this build can read is left out, named in the
/// state, like an event the rule book refuses: one bad line never stops anyone. A line that is
/// not a JSON object is damage when more lines follow it; when it is the last line it may be a
/// torn write, so scanning stops before it and leaves it to the caller.
///
/// Reading a line (JSON, dates, the event's fields) needs nothing of the state, so a long run
/// is cut into pieces read on every core (`PiecesInOrder`), while this thread folds them in
/// order, each event judged against the state before it, as one thread reading alone would.
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

  /// How many bytes a piece read by one core holds, about: a fold of 300,000 lines had each
  /// core read 270 pieces, each a few hundred microseconds, and a refresh of a few lines reads
  /// them on this thread, starting no other.
  private let pieceBytes: Int

  init(pieceBytes: Int = 256 << 10) {
    self.pieceBytes = max(1, pieceBytes)
  }

  /// One complete line as read, before it is folded.
  enum ReadLine: Sendable {
    case event(Event)
    case unknownKind(String)
    /// A JSON object that is no event this build can read.
    case unreadable(EventCoding.Header, reason: String)
    /// Not a JSON object at all.
    case damaged(reason: String)

    init(_ line: UnsafeBufferPointer<UInt8>) {
      do throws(Refusal) {
        switch try EventCoding.decode(line) {
        case .event(let event): self = .event(event)
        case .unknownKind(let kind): self = .unknownKind(kind)
        }
      } catch {
        self = EventCoding.header(of: line).map { .unreadable($0, reason: error.message) } ?? .damaged(reason: error.message)
      }
    }
  }

  /// The bytes a scan reads, shared with the threads that read its pieces: they outlive the
  /// scan, which returns only once every piece is read, and no one writes them.
  private struct SharedBytes: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>
  }

  /// Folds the complete lines of `bytes` into `state`; `firstLine` numbers the first of them.
  mutating func scan(_ bytes: [UInt8], firstLine: Int, into state: inout LedgerState) {
    bytes.withUnsafeBufferPointer { buffer in
      let shared = SharedBytes(buffer: buffer)
      let ends = Self.pieceEnds(of: buffer, about: pieceBytes)
      var stopped = false
      PiecesInOrder.run(ends.count) { piece in
        Self.read(shared.buffer, from: piece == 0 ? 0 : ends[piece - 1], to: ends[piece])
      } take: { _, read in
        // Each is moved out as it is folded, never copied (a copy retains every text of the
        // event, on the core that did not make them).
        for position in read.indices {
          guard !stopped, let (line, end) = read[position].take() else { break }
          stopped = !fold(line, endingAt: end, of: buffer.count, firstLine: firstLine, into: &state)
        }
      }
      if !stopped, consumed < buffer.count { tailProblem = "the last line has no line end" }
    }
  }

  /// Folds one line read, ending at the newline at `end`; false when it stops the scan (a
  /// last line that may be a torn write).
  private mutating func fold(
    _ line: ReadLine, endingAt end: Int, of count: Int, firstLine: Int, into state: inout LedgerState
  ) -> Bool {
    let lineNumber = firstLine + lines
    switch line {
    case .event(let event): state.apply(event)
    case .unknownKind(let kind): unknownKinds.append((lineNumber, kind))
    case .unreadable(let header, let reason): state.leaveOutUnreadable(line: lineNumber, header: header, reason: reason)
    case .damaged(let reason):
      if end + 1 == count {
        tailProblem = reason
        return false
      }
      state.lineLost()
      if damage == nil { damage = (lineNumber, reason) }
    }
    lines += 1
    consumed = end + 1
    return true
  }

  /// Where each piece ends: just after a newline, every `about` bytes or so; the last piece
  /// ends at the end of the bytes (its last line may have no newline).
  static func pieceEnds(of buffer: UnsafeBufferPointer<UInt8>, about: Int) -> [Int] {
    var ends: [Int] = []
    var end = 0
    while end < buffer.count {
      end = (firstNewline(in: buffer, from: min(buffer.count, end + about) - 1).map { $0 + 1 }) ?? buffer.count
      ends.append(end)
    }
    return ends
  }

  /// The complete lines from `start` to `end`, read, each with where its newline is.
  static func read(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> [(ReadLine, Int)?] {
    var read: [(ReadLine, Int)?] = []
    read.reserveCapacity((end - start) / 200 + 1)
    var lineStart = start
    while lineStart < end, let newline = firstNewline(in: buffer, from: lineStart), newline < end {
      read.append((ReadLine(UnsafeBufferPointer(rebasing: buffer[lineStart..<newline])), newline))
      lineStart = newline + 1
    }
    return read
  }

  private static func firstNewline(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    // memchr reads many bytes a step: a byte at a time, finding the lines took a tenth of reading them.
    guard let base = buffer.baseAddress, start < buffer.count, let found = memchr(base + start, 0x0A, buffer.count - start) else {
      return nil
    }
    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
  }
}
