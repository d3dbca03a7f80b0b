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

  init(after chain: TeamChain) {
    self.chain = chain
    first = chain.count + 1
  }

  /// Takes the next row: its line and its hash in hexadecimal, as the server keeps them.
  mutating func take(line: UnsafeBufferPointer<UInt8>, hash: UnsafeBufferPointer<UInt8>) {
    let computed = chain.append(line)
    if let stored = TeamChain.bytes(hex: hash), stored != computed {
      brokenAt = brokenAt ?? chain.count
      chain.adopt(stored)
    }
    let start = bytes.count
    bytes.append(contentsOf: line)
    // A line break inside a row would split it in the mirror (version 2 refuses them).
    for index in start..<bytes.count where bytes[index] == 0x0A || bytes[index] == 0x0D { bytes[index] = 0x20 }
    bytes.append(0x0A)
    count += 1
  }

  /// Lets go of the lines taken (once the mirror has them), keeping the chain.
  mutating func clear() {
    bytes.removeAll(keepingCapacity: true)
    first += count
    count = 0
  }
}
