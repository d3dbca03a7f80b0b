import BreakthroughCore

/// A person's handle as tests write it (`handle("ana")`); a handle the tests themselves
/// misspell stops the run at once rather than failing somewhere after.
public func handle(_ text: String) -> Handle {
  (try? Handle(text)) ?? { fatalError("bad handle in test: \(text)") }()
}
