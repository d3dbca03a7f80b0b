import Foundation

/// Requests, elements and the roll in a snapshot, as one JSON text: they are few beside the
/// promises, and their terms are written with the ledger's own field coding.
extension Conversations {
  var snapshotJSON: JSONValue {
    func time(_ date: Date?) -> JSONValue { date.map { .string(Timestamp.text($0)) } ?? .null }
    func history(_ entries: [HistoryEntry]) -> JSONValue {
      .array(
        entries.map { entry in
          .object([
            ("at", time(entry.at)), ("actor", .string(entry.actor.text)), ("summary", .string(entry.summary)),
            ("note", entry.note.map(JSONValue.string) ?? .null),
          ])
        })
    }
    let requests: [JSONValue] = self.requests.map { request in
      .object([
        ("terms", .object(EventCoding.fields(of: .requestMade(request.terms)))), ("madeAt", time(request.madeAt)),
        ("state", .string(request.state.rawValue)), ("promise", request.promise.map(JSONValue.string) ?? .null),
        ("firstAnsweredAt", time(request.firstAnsweredAt)), ("closedAt", time(request.closedAt)), ("history", history(request.history)),
        ("countered", .bool(request.isCountered)),
      ])
    }
    let elements: [JSONValue] = self.elements.map { element in
      .object([
        ("terms", .object(EventCoding.fields(of: .elementAdded(element.terms)))), ("addedBy", .string(element.addedBy.text)),
        ("addedAt", time(element.addedAt)), ("state", .string(element.state.rawValue)), ("history", history(element.history)),
      ])
    }
    let entries: [JSONValue] = roll.entries.map { entry in
      let (standing, said): (String, String?) =
        switch entry.standing {
        case .enrolled: ("enrolled", nil)
        case .notYet(let said): ("not-yet", said)
        case .unenrolled(let said): ("unenrolled", said)
        }
      return .object([
        ("person", .string(entry.person.text)), ("standing", .string(standing)), ("said", said.map(JSONValue.string) ?? .null),
        ("wasInBefore", .bool(entry.wasInBefore)), ("saidAt", time(entry.saidAt)),
      ])
    }
    return .object([
      ("requests", .array(requests)), ("elements", .array(elements)),
      ("highestRequest", .number(Double(highestRequestNumber))), ("highestElement", .number(Double(highestElementNumber))),
      ("roll", .object([("breakthrough", roll.breakthrough.map(JSONValue.string) ?? .null), ("entries", .array(entries))])),
    ])
  }

  init(snapshotJSON value: JSONValue) throws(Refusal) {
    self.init()
    func items(_ value: JSONValue?) -> [JSONValue] {
      if case .array(let items)? = value { return items }
      return []
    }
    func time(_ reader: FieldReader, _ key: String) throws(Refusal) -> Date? {
      guard let text = try reader.optionalText(key) else { return nil }
      guard let date = Timestamp.parse(text) else { throw Refusal("the snapshot has a bad time in \"\(key)\"") }
      return date
    }
    func history(_ value: JSONValue?) throws(Refusal) -> [HistoryEntry] {
      var entries: [HistoryEntry] = []
      for item in items(value) {
        let reader = FieldReader(value: item)
        entries.append(
          HistoryEntry(
            at: try time(reader, "at") ?? Date(timeIntervalSince1970: 0), actor: try reader.handle("actor"),
            summary: try reader.text("summary"), note: try reader.optionalText("note")))
      }
      return entries
    }
    for item in items(value["requests"]) {
      let reader = FieldReader(value: item)
      guard let fields = item["terms"],
        case .requestMade(let terms) = try EventCoding.body(kind: .requestMade, FieldReader(value: fields)),
        let madeAt = try time(reader, "madeAt"), let state = RequestState(rawValue: try reader.text("state"))
      else { throw Refusal("the snapshot has a request it cannot read") }
      var request = Request(terms: terms, madeAt: madeAt)
      request.state = state
      request.promise = try reader.optionalText("promise")
      request.firstAnsweredAt = try time(reader, "firstAnsweredAt")
      request.closedAt = try time(reader, "closedAt")
      request.history = try history(item["history"])
      request.isCountered = reader.flag("countered")
      requestPosition[terms.id] = requests.count
      requests.append(request)
    }
    for item in items(value["elements"]) {
      let reader = FieldReader(value: item)
      guard let fields = item["terms"],
        case .elementAdded(let terms) = try EventCoding.body(kind: .elementAdded, FieldReader(value: fields)),
        let addedAt = try time(reader, "addedAt"), let state = ElementState(rawValue: try reader.text("state"))
      else { throw Refusal("the snapshot has an element it cannot read") }
      var element = Element(terms: terms, addedBy: try reader.handle("addedBy"), addedAt: addedAt)
      element.state = state
      element.history = try history(item["history"])
      elementPosition[terms.id] = elements.count
      elements.append(element)
    }
    var entries: [Roll.Entry] = []
    for item in items(value["roll"]?["entries"]) {
      let reader = FieldReader(value: item)
      let said = try reader.optionalText("said")
      let standing: Roll.Standing
      switch try reader.text("standing") {
      case "enrolled": standing = .enrolled
      case "not-yet": standing = .notYet(said: said)
      default: standing = .unenrolled(said: said ?? "")
      }
      entries.append(
        Roll.Entry(
          person: try reader.handle("person"), standing: standing, wasInBefore: reader.flag("wasInBefore"),
          saidAt: try time(reader, "saidAt")))
    }
    roll = Roll(breakthrough: value["roll"]?["breakthrough"]?.stringValue, entries: entries)
    highestRequestNumber = value["highestRequest"]?.intValue ?? requests.last?.terms.number ?? 0
    highestElementNumber = value["highestElement"]?.intValue ?? elements.last?.terms.number ?? 0
  }
}
