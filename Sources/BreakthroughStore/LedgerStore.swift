import BreakthroughCore

/// Where the events live: a file today, a server later, behind the same interface.
public protocol LedgerStore: AnyObject {
  /// The state folded from every event read so far.
  var state: LedgerState { get }

  /// Folds in what others appended since the last read. Returns true when anything changed.
  @discardableResult
  func refresh() throws(StoreError) -> Bool

  /// Runs `move` on the freshest state while holding the write lock, appends the events it
  /// returns (written whole and synced), and folds them in. A refusal writes nothing.
  @discardableResult
  func append(_ move: (LedgerState) throws(Refusal) -> MoveOutcome) throws(StoreError) -> MoveOutcome

  /// Every entry of the ledger as stored, oldest first, each decoded: what `log` shows.
  func entries() throws(StoreError) -> [LedgerLine]

  /// Problems noticed while reading (a torn last line, kinds from a newer format), each once;
  /// reading them empties the list.
  func takeWarnings() -> [String]
}

extension LedgerStore {
  /// Makes `move` as `context.actor`: run on the freshest state and appended, or refused with
  /// nothing written.
  @discardableResult
  public func append(_ move: Move, context: MoveContext) throws(StoreError) -> MoveOutcome {
    try append { (state) throws(Refusal) in try state.outcome(of: move, context: context) }
  }
}
