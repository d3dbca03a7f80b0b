import BreakthroughCore

/// Where the events live, behind one interface: a file (`FileLedger`) or a team's server (`TeamLedger`).
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

  /// The entries of the ledger as stored after line `line` (0: every one), oldest first, each
  /// decoded: what `log` shows, and what a feed delivers. Earlier lines are skipped undecoded.
  func entries(after line: Int) throws(StoreError) -> [LedgerLine]

  /// Who the store says the person is, when it knows (a team ledger maps each login to a
  /// handle); nil when anyone may say who they are (a file).
  var identity: Handle? { get }

  /// A descriptor that becomes readable when others may have changed the ledger (a server's
  /// notifications), so a screen can wait on it beside the keyboard; nil when the store is
  /// only checked now and then.
  var changeDescriptor: Int32? { get }

  /// A line about the store's connection when something is wrong with it ("offline since
  /// 14:02: …"); nil when all is well.
  var connectionNote: String? { get }

  /// Problems noticed while reading (a torn last line, kinds from a newer format), each once;
  /// reading them empties the list.
  func takeWarnings() -> [String]

  /// The head of the chain this machine verified ("event 4711 · 8b5ad65d6be7"), for people to
  /// compare aloud; nil for a store without one (a file).
  var chainHead: String? { get }

  /// Called again and again while a write waits for others (a team ledger's writers' lock), so
  /// that a screen keeps answering keys; returning false cancels the write, which then records
  /// nothing. Nil: a write just waits.
  var whileWaiting: (() -> Bool)? { get set }

  /// Lets go of what the store holds open, before the process ends: a team ledger says goodbye
  /// to its server, which otherwise logs every command as a client lost. Its state stays
  /// readable; it refreshes and records nothing more.
  func close()
}

extension LedgerStore {
  public var identity: Handle? { nil }
  /// A file's writes never wait long: nothing to answer meanwhile.
  public var whileWaiting: (() -> Bool)? {
    get { nil }
    set {}
  }
  public var changeDescriptor: Int32? { nil }
  public var connectionNote: String? { nil }
  public var chainHead: String? { nil }
  /// A file holds nothing open between calls.
  public func close() {}

  /// Every entry of the ledger as stored, oldest first, each decoded.
  public func entries() throws(StoreError) -> [LedgerLine] { try entries(after: 0) }

  /// Makes `move` as `context.actor`: run on the freshest state and appended, or refused with
  /// nothing written.
  @discardableResult
  public func append(_ move: Move, context: MoveContext) throws(StoreError) -> MoveOutcome {
    try append { (state) throws(Refusal) in try state.outcome(of: move, context: context) }
  }
}
