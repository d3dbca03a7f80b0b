import Foundation

/// The ledger's line format: one JSON object a line with a format version (`v`), a unique
/// `id`, the time (`at`), the `actor`, the `kind`, and the kind's fields beside them.
public enum EventCoding {
  /// The format version this build writes.
  public static let formatVersion = 1

  /// What one ledger line holds.
  public enum Line {
    case event(Event)
    /// A kind this build does not know (a newer format): kept, reported, not folded.
    case unknownKind(String)
  }

  /// The ledger line for `event`, without its newline.
  public static func line(for event: Event) -> String {
    var members: [(key: String, value: JSONValue)] = [
      ("v", .number(Double(formatVersion))),
      ("id", .string(event.id)),
      ("at", .string(Timestamp.text(event.at))),
      ("actor", .string(event.actor.text)),
      ("kind", .string(event.body.kind.name)),
    ]
    members += fields(of: event.body)
    return JSONWriter.text(.object(members))
  }

  /// Reads one ledger line (without its newline).
  public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws(Refusal) -> Line {
    let members: JSONMembers?
    do { members = try JSONMembers.read(bytes) } catch {
      throw Refusal("not JSON (\(error.reason) at byte \(error.offset + 1))")
    }
    guard let members else { throw Refusal("not a JSON object") }
    return try decode(FieldReader(members: members))
  }

  /// The event the fields of one ledger object make.
  static func decode(_ reader: FieldReader) throws(Refusal) -> Line {
    guard let version = reader.field("v")?.intValue, version >= 1 else { throw Refusal("missing format version \"v\"") }
    let id = try reader.text("id")
    let at = try reader.time("at")
    let actor = try reader.handle("actor")
    let kind: EventKind
    if let known = reader.plainCharacters("kind").flatMap(EventKind.init(utf8:)) {
      kind = known
    } else {
      let name = try reader.text("kind")
      guard let known = EventKind(rawValue: name) else { return .unknownKind(name) }
      kind = known
    }
    let body = try body(kind: kind, reader)
    return .event(Event(id: id, at: at, actor: actor, body: body))
  }

  /// What can be read of a line whose event cannot: its id, time, actor and kind, each when
  /// it is there and well formed, so that a left-out line is named.
  public struct Header: Sendable {
    public let id: String?
    public let at: Date?
    public let actor: Handle?
    public let kind: String?
    /// The number the line would give out, when its kind gives one and it can be read.
    public let numberClaimed: NumberClaim?
  }

  /// The header of a line that is a JSON object, or nil when it is not one.
  public static func header(of bytes: UnsafeBufferPointer<UInt8>) -> Header? {
    guard let value = try? JSONParser.parse(bytes), case .object = value else { return nil }
    let actor = value["actor"]?.stringValue.flatMap { Handle.isValid($0) ? Handle(checked: $0) : nil }
    let kind = value["kind"]?.stringValue
    let claim: NumberClaim?
    switch kind.flatMap(EventKind.init(rawValue:)) {
    case .made?: claim = value["number"]?.intValue.map { NumberClaim(.promise, $0) }
    case .notKept?, .renegotiated?: claim = value["then"]?["number"]?.intValue.map { NumberClaim(.promise, $0) }
    case .requestMade?: claim = value["number"]?.intValue.map { NumberClaim(.request, $0) }
    case .elementAdded?: claim = value["number"]?.intValue.map { NumberClaim(.element, $0) }
    case .declared?, .breakthroughAccounted?, .delivered?, .accepted?, .rejected?, .revoked?, .released?, .confidence?, .undone?,
      .meetingHeld?, .requestCountered?, .requestDeclined?, .requestWithdrawn?, .enrolled?, .notYet?, .unenrolled?, .elementRevised?,
      .elementMet?, .elementDropped?, .reasonAdded?, .reasonRetired?, nil, .zoneSet?:
      claim = nil
    }
    return Header(
      id: value["id"]?.stringValue, at: value["at"]?.stringValue.flatMap(Timestamp.parse), actor: actor, kind: kind,
      numberClaimed: claim)
  }

  /// Reads one ledger line from text.
  public static func decode(_ text: String) throws(Refusal) -> Line {
    var copy = text
    let result: Result<Line, Refusal> = copy.withUTF8 { buffer in
      do throws(Refusal) { return .success(try decode(buffer)) } catch { return .failure(error) }
    }
    return try result.get()
  }

  static func body(kind: EventKind, _ reader: FieldReader) throws(Refusal) -> EventBody {
    switch kind {
    case .declared:
      return .declared(try breakthroughTerms(reader))
    case .breakthroughAccounted:
      guard let outcome = BreakthroughOutcome(rawValue: try reader.text("outcome")) else {
        throw Refusal("\"outcome\" must be achieved, not-achieved or revised")
      }
      return .breakthroughAccounted(breakthrough: try reader.text("breakthrough"), outcome: outcome, note: try reader.optionalText("note"))
    case .made:
      return .made(try promiseTerms(reader), note: try reader.optionalText("note"))
    case .delivered:
      return .delivered(
        promise: try reader.text("promise"), accepted: reader.flag("accepted"), note: try reader.optionalText("note"),
        reason: try reader.optionalText("reason"))
    case .accepted:
      return .accepted(promise: try reader.text("promise"), note: try reader.optionalText("note"))
    case .rejected:
      return .rejected(promise: try reader.text("promise"), note: try reader.text("note"), reason: try reader.optionalText("reason"))
    case .notKept:
      let replacement = try reader.object("then").map { (then) throws(Refusal) in try promiseTerms(then) }
      return .notKept(
        promise: try reader.text("promise"), note: try reader.text("note"), replacement: replacement,
        lateRenegotiation: reader.flag("lateRenegotiation"), reason: try reader.optionalText("reason"))
    case .renegotiated:
      guard let then = try reader.object("then") else { throw Refusal("missing \"then\"") }
      return .renegotiated(promise: try reader.text("promise"), note: try reader.optionalText("note"), replacement: try promiseTerms(then))
    case .revoked:
      return .revoked(promise: try reader.text("promise"), note: try reader.text("note"))
    case .released:
      return .released(promise: try reader.text("promise"), note: try reader.optionalText("note"))
    case .confidence:
      guard let level = Confidence(rawValue: try reader.text("level")) else {
        throw Refusal("\"level\" must be on-track, at-risk or off-track")
      }
      return .confidence(promise: try reader.text("promise"), level: level, note: try reader.optionalText("note"))
    case .undone:
      return .undone(event: try reader.text("event"), promise: try reader.text("promise"))
    case .meetingHeld:
      return .meetingHeld(note: try reader.optionalText("note"))
    case .zoneSet:
      return .zoneSet(zone: try reader.text("zone"), note: try reader.optionalText("note"))
    case .requestMade:
      guard let number = reader.field("number")?.intValue, number > 0 else { throw Refusal("\"number\" must be a positive whole number") }
      return .requestMade(
        RequestTerms(
          id: try reader.text("request"), number: number, customer: try reader.handle("customer"),
          performer: try reader.handle("performer"),
          what: try reader.text("what"), by: try reader.byWhen("by"), replyBy: try reader.optionalByWhen("replyBy"),
          element: try reader.optionalText("element"), isOffer: reader.flag("offer")))
    case .requestCountered:
      return .requestCountered(
        request: try reader.text("request"), by: try reader.optionalByWhen("by"), what: try reader.optionalText("what"),
        note: try reader.text("note"))
    case .requestDeclined:
      return .requestDeclined(request: try reader.text("request"), note: try reader.text("note"))
    case .requestWithdrawn:
      return .requestWithdrawn(request: try reader.text("request"), note: try reader.optionalText("note"))
    case .enrolled:
      return .enrolled(breakthrough: try reader.text("breakthrough"), note: try reader.optionalText("note"))
    case .notYet:
      return .notYet(breakthrough: try reader.text("breakthrough"), note: try reader.text("note"))
    case .unenrolled:
      return .unenrolled(breakthrough: try reader.text("breakthrough"), note: try reader.text("note"))
    case .elementAdded:
      guard let number = reader.field("number")?.intValue, number > 0 else { throw Refusal("\"number\" must be a positive whole number") }
      return .elementAdded(
        ElementTerms(id: try reader.text("element"), number: number, what: try reader.text("what"), by: try reader.optionalByWhen("by")))
    case .elementRevised:
      return .elementRevised(
        element: try reader.text("element"), what: try reader.optionalText("what"), by: try reader.optionalByWhen("by"),
        note: try reader.optionalText("note"))
    case .elementMet:
      return .elementMet(element: try reader.text("element"), note: try reader.optionalText("note"))
    case .elementDropped:
      return .elementDropped(element: try reader.text("element"), note: try reader.text("note"))
    case .reasonAdded:
      return .reasonAdded(key: try reader.text("reason"), words: try reader.text("words"))
    case .reasonRetired:
      return .reasonRetired(key: try reader.text("reason"), note: try reader.optionalText("note"))
    }
  }

  static func promiseTerms(_ reader: FieldReader) throws(Refusal) -> PromiseTerms {
    guard let number = reader.field("number")?.intValue, number > 0 else { throw Refusal("\"number\" must be a positive whole number") }
    return PromiseTerms(
      id: try reader.text(reader.has("promise") ? "promise" : "id"), number: number,
      performer: try reader.handle("performer"), customer: try reader.handle("customer"),
      what: try reader.text("what"), by: try reader.byWhen("by"),
      breakthrough: try reader.optionalText("breakthrough"), replaces: try reader.optionalText("replaces"),
      request: try reader.optionalText("request"), element: try reader.optionalText("element"),
      addresses: try reader.optionalText("addresses"))
  }

  static func breakthroughTerms(_ reader: FieldReader) throws(Refusal) -> BreakthroughTerms {
    BreakthroughTerms(
      id: try reader.text("breakthrough"), statement: try reader.text("statement"),
      measure: try reader.optionalText("measure"), why: try reader.optionalText("why"), by: try reader.byWhen("by"))
  }

  static func fields(of body: EventBody) -> [(key: String, value: JSONValue)] {
    func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    switch body {
    case .declared(let terms):
      return [
        ("breakthrough", .string(terms.id)), ("statement", .string(terms.statement)), ("measure", optional(terms.measure)),
        ("why", optional(terms.why)), ("by", .string(terms.by.ledgerText)),
      ]
    case .breakthroughAccounted(let id, let outcome, let note):
      return [("breakthrough", .string(id)), ("outcome", .string(outcome.rawValue)), ("note", optional(note))]
    case .made(let terms, let note):
      // Written only when there is one: lines without it read the same in older versions.
      return termsFields(terms, idKey: "promise") + (note.map { [("note", .string($0))] } ?? [])
    case .delivered(let id, let accepted, let note, let reason):
      return [("promise", .string(id)), ("accepted", .bool(accepted)), ("note", optional(note))] + reasonField(reason)
    case .accepted(let id, let note), .released(let id, let note):
      return [("promise", .string(id)), ("note", optional(note))]
    case .rejected(let id, let note, let reason):
      return [("promise", .string(id)), ("note", .string(note))] + reasonField(reason)
    case .revoked(let id, let note):
      return [("promise", .string(id)), ("note", .string(note))]
    case .notKept(let id, let note, let replacement, let late, let reason):
      return [
        ("promise", .string(id)), ("note", .string(note)),
        ("then", replacement.map { .object(termsFields($0, idKey: "id")) } ?? .null), ("lateRenegotiation", .bool(late)),
      ] + reasonField(reason)
    case .renegotiated(let id, let note, let replacement):
      return [("promise", .string(id)), ("note", optional(note)), ("then", .object(termsFields(replacement, idKey: "id")))]
    case .confidence(let id, let level, let note):
      return [("promise", .string(id)), ("level", .string(level.rawValue)), ("note", optional(note))]
    case .undone(let event, let id):
      return [("promise", .string(id)), ("event", .string(event))]
    case .meetingHeld(let note):
      return [("note", optional(note))]
    case .zoneSet(let zone, let note):
      return [("zone", .string(zone)), ("note", optional(note))]
    case .requestMade(let terms):
      return [
        ("request", .string(terms.id)), ("number", .number(Double(terms.number))), ("customer", .string(terms.customer.text)),
        ("performer", .string(terms.performer.text)), ("what", .string(terms.what)), ("by", .string(terms.by.ledgerText)),
        ("replyBy", terms.replyBy.map { .string($0.ledgerText) } ?? .null), ("element", optional(terms.element)),
        ("offer", .bool(terms.isOffer)),
      ]
    case .requestCountered(let id, let by, let what, let note):
      return [
        ("request", .string(id)), ("by", by.map { .string($0.ledgerText) } ?? .null), ("what", optional(what)), ("note", .string(note)),
      ]
    case .requestDeclined(let id, let note):
      return [("request", .string(id)), ("note", .string(note))]
    case .requestWithdrawn(let id, let note):
      return [("request", .string(id)), ("note", optional(note))]
    case .enrolled(let id, let note):
      return [("breakthrough", .string(id)), ("note", optional(note))]
    case .notYet(let id, let note), .unenrolled(let id, let note):
      return [("breakthrough", .string(id)), ("note", .string(note))]
    case .elementAdded(let terms):
      return [
        ("element", .string(terms.id)), ("number", .number(Double(terms.number))), ("what", .string(terms.what)),
        ("by", terms.by.map { .string($0.ledgerText) } ?? .null),
      ]
    case .elementRevised(let id, let what, let by, let note):
      return [
        ("element", .string(id)), ("what", optional(what)), ("by", by.map { .string($0.ledgerText) } ?? .null), ("note", optional(note)),
      ]
    case .elementMet(let id, let note):
      return [("element", .string(id)), ("note", optional(note))]
    case .elementDropped(let id, let note):
      return [("element", .string(id)), ("note", .string(note))]
    case .reasonAdded(let key, let words):
      return [("reason", .string(key)), ("words", .string(words))]
    case .reasonRetired(let key, let note):
      return [("reason", .string(key)), ("note", optional(note))]
    }
  }

  /// A miss's reason, written only when there is one: lines without it read the same in older versions.
  static func reasonField(_ reason: String?) -> [(key: String, value: JSONValue)] {
    reason.map { [("reason", .string($0))] } ?? []
  }

  static func termsFields(_ terms: PromiseTerms, idKey: String) -> [(key: String, value: JSONValue)] {
    [
      (idKey, .string(terms.id)), ("number", .number(Double(terms.number))), ("performer", .string(terms.performer.text)),
      ("customer", .string(terms.customer.text)), ("what", .string(terms.what)), ("by", .string(terms.by.ledgerText)),
      ("breakthrough", terms.breakthrough.map(JSONValue.string) ?? .null), ("replaces", terms.replaces.map(JSONValue.string) ?? .null),
    ]
      // Written only when there are: lines without them read the same in older versions.
      + (terms.request.map { [("request", .string($0))] } ?? []) + (terms.element.map { [("element", .string($0))] } ?? [])
      + (terms.addresses.map { [("addresses", .string($0))] } ?? [])
  }
}

/// Typed access to the fields of a ledger object, with refusals that name the field.
struct FieldReader {
  private enum Source {
    case value(JSONValue)
    /// A line as read: valid while its bytes are (the decoding of one line).
    case members(JSONMembers)
  }

  private let source: Source

  init(value: JSONValue) {
    source = .value(value)
  }

  init(members: JSONMembers) {
    source = .members(members)
  }

  /// The field named `key`, if there is one.
  func field(_ key: String) -> JSONValue? {
    switch source {
    case .value(let value): return value[key]
    case .members(let members): return members[key]
    }
  }

  /// Whether there is a field named `key` (null or not).
  func has(_ key: String) -> Bool {
    switch source {
    case .value(let value): return value[key] != nil
    case .members(let members): return members.contains(key)
    }
  }

  /// The characters of the text field `key` when they are written as they are (no escapes),
  /// to be read without making a string; nil when they are not, or the reader holds values.
  func plainCharacters(_ key: String) -> UnsafeBufferPointer<UInt8>? {
    guard case .members(let members) = source else { return nil }
    return members.plainString(named: key)
  }

  func text(_ key: String) throws(Refusal) -> String {
    guard let text = field(key)?.stringValue else { throw Refusal("missing text field \"\(key)\"") }
    return text
  }

  func optionalText(_ key: String) throws(Refusal) -> String? {
    switch field(key) {
    case nil, .null?: return nil
    case .string(let text)?: return text
    default: throw Refusal("\"\(key)\" must be text or null")
    }
  }

  func flag(_ key: String) -> Bool {
    field(key)?.boolValue ?? false
  }

  func handle(_ key: String) throws(Refusal) -> Handle {
    let text = try text(key)
    guard Handle.isValid(text) else { throw Refusal("\"\(key)\" is not a handle") }
    return Handle(checked: text)
  }

  /// The UTC time in the text field `key`.
  func time(_ key: String) throws(Refusal) -> Date {
    guard let time = try reading(key, Timestamp.parse(utf8:)) else {
      throw Refusal("\"\(key)\" is not a UTC time like 2026-11-26T23:50:00.000Z")
    }
    return time
  }

  func byWhen(_ key: String) throws(Refusal) -> ByWhen {
    guard let by = try reading(key, ByWhen.init(ledgerUTF8:)) else {
      throw Refusal("\"\(key)\" is not a date like 2026-11-28 or 2026-11-28T17:00")
    }
    return by
  }

  /// What `read` makes of the UTF-8 of the text field `key`: its bytes where the line holds
  /// them as they are, without making a string.
  private func reading<Value>(_ key: String, _ read: (UnsafeBufferPointer<UInt8>) -> Value?) throws(Refusal) -> Value? {
    if let characters = plainCharacters(key) { return read(characters) }
    var text = try text(key)
    return text.withUTF8(read)
  }

  func optionalByWhen(_ key: String) throws(Refusal) -> ByWhen? {
    guard try optionalText(key) != nil else { return nil }
    return try byWhen(key)
  }

  func object(_ key: String) throws(Refusal) -> FieldReader? {
    if case .members(let members) = source, let object = members.object(named: key) { return FieldReader(members: object) }
    switch field(key) {
    case nil, .null?: return nil
    case .object(let members)?: return FieldReader(value: .object(members))
    default: throw Refusal("\"\(key)\" must be an object or null")
    }
  }
}
