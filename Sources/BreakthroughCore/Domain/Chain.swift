extension LedgerState {
  /// The chain of renegotiations and replacements that `promise` belongs to, first to last,
  /// followed both ways from it.
  public func chain(of promise: Promise) -> [Promise] {
    var first = promise
    var seen: Set<String> = [promise.id]
    while let earlier = first.replaces.flatMap({ self.promise(id: $0) }), seen.insert(earlier.id).inserted {
      first = earlier
    }
    var chain = [first]
    while let later = chain[chain.count - 1].replacedBy.flatMap({ self.promise(id: $0) }), !chain.contains(where: { $0.id == later.id }) {
      chain.append(later)
    }
    return chain
  }
}
