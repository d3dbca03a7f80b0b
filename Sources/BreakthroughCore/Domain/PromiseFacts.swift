import Foundation

/// What the measures read of a promise: the same whether it is built or still archived in a
/// snapshot, so that measuring a long ledger does not build its closed promises.
struct PromiseFacts {
  let performer: Handle
  let breakthrough: String?
  let madeAt: Date
  let state: PromiseState
  let by: ByWhen
  let deliveredAt: Date?
  let closedAt: Date?

  init(
    performer: Handle, breakthrough: String?, madeAt: Date, state: PromiseState, by: ByWhen, deliveredAt: Date?, closedAt: Date?
  ) {
    self.performer = performer
    self.breakthrough = breakthrough
    self.madeAt = madeAt
    self.state = state
    self.by = by
    self.deliveredAt = deliveredAt
    self.closedAt = closedAt
  }

  init(_ promise: Promise) {
    self.init(
      performer: promise.terms.performer, breakthrough: promise.terms.breakthrough, madeAt: promise.madeAt, state: promise.state,
      by: promise.terms.by, deliveredAt: promise.deliveredAt, closedAt: promise.closedAt)
  }

  /// Delivered at or before the by-when (delivery time counts, not acceptance time).
  func wasDeliveredOnTime(on clock: inout LocalClock) -> Bool {
    guard let deliveredAt else { return false }
    return !by.isPast(at: clock.moment(deliveredAt))
  }

  /// Closed before its by-when by renegotiation or revocation: honored with notice.
  func wasClosedWithNotice(on clock: inout LocalClock) -> Bool {
    guard state == .renegotiated || state == .revoked, let closedAt else { return false }
    return !by.isPast(at: clock.moment(closedAt))
  }
}
