import Foundation

/// Rows read from a team ledger's server after the chain this machine verified, checked
/// against the chain as they arrive and gathered, a line each, for the mirror.
struct TeamRowsRead {
  /// The chain over the rows before these, then over each row taken.
  private(set) var chain: TeamChain
  /// The first row whose line no longer matches the hash it was written with, if any.
  private(set) var brokenAt: Int?
  /// The lines taken, each ended by a newline, as the mirror keeps them.
  private(set) var bytes: [UInt8] = []
  private(set) var count = 0
  /// The event number of the first row taken.
  private(set) var first: Int
  /// The event number of the read's first row, before any batch of it was let go.
  let start: Int

  init(after chain: TeamChain) {
    self.chain = chain
    first = chain.count + 1
    start = first
  }

  /// Takes the next row: its line and its hash in hexadecimal, as the server keeps them.
  mutating func take(line: UnsafeBufferPointer<UInt8>, hash: UnsafeBufferPointer<UInt8>) {
    guard let stored = TeamChain.bytes(hex: hash) else { return take(line: line, storedHash: nil) }
    stored.withUnsafeBufferPointer { take(line: line, storedHash: $0) }
  }

  /// Takes the next row: its line and the hash the server keeps with it (nil: none to check).
  mutating func take(line: UnsafeBufferPointer<UInt8>, storedHash stored: UnsafeBufferPointer<UInt8>?) {
    let computed = chain.append(line)
    if let stored, !Self.same(stored, computed) {
      brokenAt = brokenAt ?? chain.count
      chain.adopt(Array(stored))
    }
    let start = bytes.count
    bytes.append(contentsOf: line)
    // A line break inside a row would split it in the mirror (version 2 refuses them); rows
    // hardly ever hold one, so the line is searched first, at memchr's speed.
    if let base = line.baseAddress, memchr(base, 0x0A, line.count) != nil || memchr(base, 0x0D, line.count) != nil {
      for index in start..<bytes.count where bytes[index] == 0x0A || bytes[index] == 0x0D { bytes[index] = 0x20 }
    }
    bytes.append(0x0A)
    count += 1
  }

  private static func same(_ stored: UnsafeBufferPointer<UInt8>, _ computed: [UInt8]) -> Bool {
    guard let base = stored.baseAddress, stored.count == computed.count else { return stored.count == computed.count }
    return memcmp(base, computed, computed.count) == 0
  }

  /// Lets go of the lines taken (once the mirror has them), keeping the chain; the next are
  /// gathered in `buffer` when one is given (emptied, its room kept).
  mutating func clear(reusing buffer: consuming [UInt8]? = nil) {
    // The buffer is moved in, not copied: with a second reference alive, emptying it would
    // allocate new room (untouched pages, faulted in again) and free the buffer given.
    if let given = buffer.take() { bytes = consume given }
    bytes.removeAll(keepingCapacity: true)
    first += count
    count = 0
  }

  /// The lines' buffer, emptied, for another batch to be gathered in; these rows keep none.
  mutating func takeBuffer() -> [UInt8] {
    bytes.removeAll(keepingCapacity: true)
    defer { bytes = [] }
    return bytes
  }
}
