import BreakthroughCore
import Testing

@testable import BreakthroughStore

/// The ledger is hashed as it is read and appended, in pieces of any size: the hash must not
/// depend on where the pieces were cut, and must tell different bytes apart.
@Suite struct StreamHashTests {
  static func hash(_ bytes: [UInt8], cutAt cuts: [Int]) -> StreamHash {
    var hash = StreamHash()
    var start = 0
    for end in (cuts + [bytes.count]).sorted() where end >= start {
      bytes.withUnsafeBufferPointer { hash.add(UnsafeBufferPointer(rebasing: $0[start..<end])) }
      start = end
    }
    return hash
  }

  @Test func theHashDoesNotDependOnHowTheBytesAreCut() {
    var generator = SeededGenerator(seed: 5)
    for length in [0, 1, 7, 31, 32, 33, 64, 1000, 4099] {
      let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
      let whole = Self.hash(bytes, cutAt: []).digest
      for _ in 0..<20 {
        let cuts = (0..<Int.random(in: 1...6, using: &generator)).map { _ in Int.random(in: 0...length, using: &generator) }
        #expect(Self.hash(bytes, cutAt: cuts).digest == whole, "length \(length), cut at \(cuts.sorted())")
      }
    }
  }

  @Test func differentBytesHashDifferently() {
    var generator = SeededGenerator(seed: 6)
    let bytes = (0..<200).map { _ in UInt8.random(in: 0...255, using: &generator) }
    var digests: Set<UInt64> = [Self.hash(bytes, cutAt: []).digest]
    for position in bytes.indices {
      var changed = bytes
      changed[position] ^= 1
      digests.insert(Self.hash(changed, cutAt: [position]).digest)
    }
    // A zero more, or one fewer byte, is a different stream too.
    digests.insert(Self.hash(bytes + [0], cutAt: []).digest)
    digests.insert(Self.hash(Array(bytes.dropLast()), cutAt: []).digest)
    #expect(digests.count == bytes.count + 3)
  }
}
