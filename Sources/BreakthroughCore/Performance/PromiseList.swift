/// Every promise of a ledger, in the order made, kept in chunks of 1,024.
///
/// The screens hold the ledger's state while the store folds new events into its own copy:
/// with one array that first change copied every promise (28 MB and tens of milliseconds at
/// 100,000); in chunks it copies the one chunk it changes.
public struct PromiseList: RandomAccessCollection, MutableCollection, Sendable {
  static let chunkShift = 10
  static let chunkSize = 1 << chunkShift
  private var chunks: [[Promise]] = []
  public private(set) var count = 0

  public init() {}

  public var startIndex: Int { 0 }
  public var endIndex: Int { count }

  public subscript(position: Int) -> Promise {
    // Out of range is caught by the chunks' own bounds checks. Lent, not copied: reading one
    // field of a promise should not copy the whole of it.
    _read { yield chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)] }
    _modify { yield &chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)] }
  }

  mutating func append(_ promise: Promise) {
    if count & (Self.chunkSize - 1) == 0 {
      chunks.append([])
      chunks[chunks.count - 1].reserveCapacity(Self.chunkSize)
    }
    chunks[chunks.count - 1].append(promise)
    count += 1
  }

  /// Adds `other` after these: whole chunks are shared when these end on a chunk's end.
  mutating func append(contentsOf other: PromiseList) {
    guard count & (Self.chunkSize - 1) == 0 else {
      for promise in other { append(promise) }
      return
    }
    chunks += other.chunks
    count += other.count
  }
}
