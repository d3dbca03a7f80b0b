/// A case stored in the snapshot by a number of its own, written down here rather than taken
/// from its position: reordering or adding cases must never relabel a promise already cached.
/// A test pins every code; changing one means raising `LedgerState.snapshotFormat`.
protocol SnapshotCoded: CaseIterable, Equatable {
  var code: Int { get }
}

extension PromiseState: SnapshotCoded {
  var code: Int {
    switch self {
    case .open: return 0
    case .delivered: return 1
    case .kept: return 2
    case .notKept: return 3
    case .renegotiated: return 4
    case .revoked: return 5
    case .released: return 6
    case .withdrawn: return 7
    }
  }
}

extension Confidence: SnapshotCoded {
  var code: Int {
    switch self {
    case .onTrack: return 0
    case .atRisk: return 1
    case .offTrack: return 2
    }
  }
}
