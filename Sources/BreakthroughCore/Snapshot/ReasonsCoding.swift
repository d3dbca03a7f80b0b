import Foundation

/// The team's reasons and the misses that gave them, in a snapshot: the misses can be many (one
/// per promise not kept), so they are written as the snapshot's own fields, not as JSON.
extension ReasonBook {
  func write(to out: inout SnapshotWriter) {
    out.int(reasons.count)
    for reason in reasons {
      out.string(reason.key)
      out.string(reason.words)
      out.optional(reason.addedBy) { $0.string($1.text) }
      out.bool(reason.isRetired)
    }
    out.int(misses.count)
    for miss in misses {
      out.string(miss.eventID)
      out.string(miss.promiseID)
      out.int(miss.number)
      out.optional(miss.reason) { $0.string($1) }
      out.date(miss.at)
      out.string(miss.kind.rawValue)
    }
    let addressed = addressedBy.sorted { $0.key < $1.key }
    out.int(addressed.count)
    for (key, promises) in addressed {
      out.string(key)
      out.int(promises.count)
      for promise in promises { out.string(promise) }
    }
  }

  init(reading input: inout SnapshotReader) throws(Refusal) {
    self.init()
    func text(_ input: inout SnapshotReader) throws(Refusal) -> String { try input.string() }
    reasons = []
    for _ in 0..<(try input.count()) {
      reasons.append(
        Reason(
          key: try input.string(), words: try input.string(), addedBy: try input.optional { (input) throws(Refusal) in try input.handle() },
          isRetired: try input.bool()))
    }
    let missCount = try input.count()
    reserveMisses(missCount)
    for _ in 0..<missCount {
      record(
        Miss(
          eventID: try input.string(), promiseID: try input.string(), number: try input.int(), reason: try input.optional(text),
          at: try input.date(), kind: try input.raw(Miss.Kind.self)))
    }
    for _ in 0..<(try input.count()) {
      let key = try input.string()
      var promises: [String] = []
      for _ in 0..<(try input.count()) { promises.append(try input.string()) }
      addressedBy[key] = promises
    }
  }
}
