import Dispatch

/// The promises of a snapshot, read segment by segment on all cores at once: each segment is
/// decoded straight into its place in the one list, so that nothing is copied afterwards.
struct SegmentReading: Sendable {
  /// Where each segment's bytes are, and which positions of the list its promises fill.
  let segments: [(bytes: Range<Int>, promises: Range<Int>)]
  let archive: SnapshotArchive
  let breakthroughIDs: [String]

  /// What the segments hold, in order: the promises, the hashes of their ids and their numbers
  /// (for the index), and the links to other promises by position.
  struct Result {
    var promises: [Promise]
    var idHashes: [UInt64]
    var links: [(promise: Int, replaces: Int, replacedBy: Int)]
  }

  func read(_ bytes: UnsafeBufferPointer<UInt8>) throws(Refusal) -> Result {
    let total = segments.last?.promises.upperBound ?? 0
    let shared = Shared(segments: segments.count, promises: total)
    defer { shared.release() }
    let promises = [Promise](unsafeUninitializedCapacity: total) { buffer, initialized in
      let slots = Unchecked(value: buffer.baseAddress), input = Unchecked(value: bytes)
      DispatchQueue.concurrentPerform(iterations: segments.count) { number in
        readSegment(number, from: input.value, into: slots.value, shared: shared)
      }
      if shared.failures.allSatisfy({ $0 == nil }) {
        initialized = total
      } else {
        // Some segment stopped part-way: undo every segment's writes, and report the failure.
        for (segment, count) in zip(segments, shared.written) {
          (buffer.baseAddress! + segment.promises.lowerBound).deinitialize(count: count)
        }
        initialized = 0
      }
    }
    if let failure = shared.failures.lazy.compactMap({ $0 }).first { throw failure }
    return Result(promises: promises, idHashes: Array(shared.idHashes), links: shared.links.flatMap { $0 })
  }

  private func readSegment(_ number: Int, from bytes: UnsafeBufferPointer<UInt8>, into slots: UnsafeMutablePointer<Promise>?, shared: Shared) {
    let (byteRange, positions) = segments[number]
    var input = SnapshotReader(UnsafeBufferPointer(rebasing: bytes[..<byteRange.upperBound]), at: byteRange.lowerBound)
    // Every promise refers to the archive and most to a breakthrough id: each reader gets
    // its own copies, so that cores do not contend for the same reference counts.
    let archive = self.archive.copy()
    let breakthroughIDs = self.breakthroughIDs.map { String(decoding: Array($0.utf8), as: UTF8.self) }
    var position = positions.lowerBound
    var links: [(promise: Int, replaces: Int, replacedBy: Int)] = []
    do throws(Refusal) {
      while !input.isAtEnd {
        guard position < positions.upperBound else { throw Refusal("a segment of the snapshot holds more promises than it says") }
        var link = (replaces: -1, replacedBy: -1)
        let promise = try LedgerState.readPromise(&input, breakthroughIDs: breakthroughIDs, archive: archive, link: &link)
        if link.replaces >= 0 || link.replacedBy >= 0 { links.append((position, link.replaces, link.replacedBy)) }
        shared.idHashes[position] = PromiseIndex.hash(promise.terms.id)
        (slots! + position).initialize(to: promise)
        position += 1
      }
      guard position == positions.upperBound else { throw Refusal("a segment of the snapshot holds fewer promises than it says") }
    } catch {
      shared.failures[number] = error
    }
    shared.written[number] = position - positions.lowerBound
    shared.links[number] = links
  }

  /// Storage each segment's reader writes its own part of (its slot, its range of positions);
  /// nothing is read until all readers have finished.
  private final class Shared: @unchecked Sendable {
    let failures: UnsafeMutableBufferPointer<Refusal?>
    let written: UnsafeMutableBufferPointer<Int>
    let links: UnsafeMutableBufferPointer<[(promise: Int, replaces: Int, replacedBy: Int)]>
    let idHashes: UnsafeMutableBufferPointer<UInt64>

    init(segments: Int, promises: Int) {
      failures = .allocate(capacity: segments)
      failures.initialize(repeating: nil)
      written = .allocate(capacity: segments)
      written.initialize(repeating: 0)
      links = .allocate(capacity: segments)
      links.initialize(repeating: [])
      idHashes = .allocate(capacity: promises)
      idHashes.initialize(repeating: 0)
    }

    func release() {
      failures.deinitialize().deallocate()
      written.deallocate()
      links.deinitialize().deallocate()
      idHashes.deallocate()
    }
  }

  /// Pointers handed to the readers: each touches only its own part of what they point to.
  private struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
  }
}
