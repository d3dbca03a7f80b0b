import BreakthroughCore

/// The forms that ask what a move needs, each with how its fields make the move: shared by
/// the board's menu and the check-in.
extension Form {
  /// `element`: what the breakthrough will take that the promise is for, when made from the
  /// elements list (its by-when is offered).
  static func newPromise(for element: Element? = nil) -> Form {
    let elementID = element?.id
    return Form(
      title: element.map { "Promise something for \($0.label)" } ?? "New promise",
      fields: [
        Field("What", hint: element.map { "what you will do for \"\($0.what)\"" } ?? "the conditions of satisfaction, in one sentence"),
        Field("To", hint: "handle of your customer, e.g. ben"),
        Field("By when", element?.terms.by?.ledgerText ?? "", hint: "fri, +3d, eom, 2026-12-01 17:00"),
      ]
    ) { form in
      let what = form.required(0, "say what you will do, in one sentence")
      let customer = form.handle(1)
      let by = form.date(2)
      guard let what, let customer, let by else { return nil }
      return .make(what: what, to: customer, by: by, element: elementID)
    }
  }

  static func declare(current: Breakthrough?) -> Form {
    Form(
      title: current == nil ? "Declare the breakthrough" : "Revise the breakthrough",
      fields: [
        Field("Statement", current?.terms.statement ?? "", hint: "the unprecedented result, said publicly"),
        Field("By when", current?.terms.by.ledgerText ?? "", hint: "2027-03-31"),
        Field("Measure", current?.terms.measure ?? "", hint: "how everyone will know it happened (optional)"),
        Field("Why", current?.terms.why ?? "", hint: "why it matters (optional)"),
      ]
    ) { form in
      let statement = form.required(0, "state the breakthrough")
      let by = form.date(1)
      guard let statement, let by else { return nil }
      return .declare(statement: statement, by: by, measure: form.optional(2), why: form.optional(3))
    }
  }

  /// The reason comes first: one key picks it from the team's list.
  static func notKept(_ promise: Promise, reasons: [Reason]) -> Form {
    let id = promise.id
    let keys = reasons.map(\.key)
    return Form(
      title: "\(promise.label) not kept",
      fields: [
        .reason(reasons, hint: "why: press its number"),
        Field("What happened", hint: "one line: what happened"),
        Field("Replace with", hint: "the new promise; Enter on an empty line skips it", endsFormWhenEmpty: true),
        Field("By when", hint: "for the replacement: fri, +3d, 2026-12-01"),
      ]
    ) { form in
      let reason = form.choice(0, keys: keys, required: true, "why was it not kept? press the number of a reason")
      let note = form.required(1, "say what happened")
      let what = form.optional(2)
      let by: ByWhen? = what == nil && form.text(3).isEmpty ? nil : form.date(3)
      if what == nil && by != nil { return form.fail(2, "the replacement needs a what (or clear the date)") }
      guard let reason, let note, what == nil || by != nil else { return nil }
      let replacement = what.flatMap { what in by.map { Move.Replacement(what: what, by: $0) } }
      return .notKept(promise: id, note: note, replacement: replacement, reason: reason)
    }
  }

  /// `askingOnlyTheDate` is the check-in's short form: the new by-when and nothing else. After
  /// the by-when (`lateReasons`, the team's list, given then) it is recorded as not kept, so
  /// the reason comes first.
  static func renegotiate(_ promise: Promise, askingOnlyTheDate: Bool = false, lateReasons: [Reason]? = nil) -> Form {
    let id = promise.id
    let keys = lateReasons?.map(\.key) ?? []
    let first = lateReasons == nil ? 0 : 1
    let date = Field("New by when", hint: "fri, +3d, 2026-12-01")
    let rest = askingOnlyTheDate ? [date] : [date, Field("What", promise.what), Field("Note", hint: "optional")]
    return Form(
      title: "Renegotiate \(promise.label) with \(promise.customer)\(lateReasons == nil ? "" : " (late: recorded as not kept)")",
      fields: (lateReasons.map { [.reason($0, hint: "past its by-when, so why: press its number")] } ?? []) + rest
    ) { form in
      let reason = first == 0 ? nil : form.choice(0, keys: keys, required: true, "why did it slip? press the number of a reason")
      guard let by = form.date(first), first == 0 || reason != nil else { return nil }
      return .renegotiate(promise: id, by: by, what: form.optional(first + 1), note: form.optional(first + 2), reason: reason)
    }
  }

  /// Done after the by-when, saying why it came late: the reason first, one key, then an
  /// optional note. `accepted` as for a delivery (kept at once when promised to oneself).
  static func lateDelivery(_ promise: Promise, accepted: Bool, reasons: [Reason]) -> Form {
    let id = promise.id
    let keys = reasons.map(\.key)
    return Form(
      title: "\(promise.label) done late",
      fields: [.reason(reasons, hint: "why it came late: press its number"), Field("Note", hint: "optional")]
    ) { form in
      let reason = form.choice(0, keys: keys, required: true, "why did it come late? press the number of a reason")
      guard let reason else { return nil }
      return .deliver(promise: id, accepted: accepted, note: form.optional(1), reason: reason)
    }
  }

  static func revoke(_ promise: Promise) -> Form {
    let id = promise.id
    return Form(title: "Revoke \(promise.label)", fields: [Field("Why", hint: "one line: why you withdraw it")]) { form in
      form.required(0, "say why you withdraw it").map { .revoke(promise: id, note: $0) }
    }
  }

  /// The reason is optional and comes last: its number saves the form, and so does Enter without one.
  static func reject(_ promise: Promise, reasons: [Reason]) -> Form {
    let id = promise.id
    let keys = reasons.map(\.key)
    var reason = Form.Field.reason(reasons, hint: "optional: press its number, or Enter to save without one")
    reason.endsFormWhenEmpty = true
    return Form(title: "Reject \(promise.label)", fields: [Field("What is missing"), reason]) { form in
      let note = form.required(0, "say what is missing")
      let reason = form.choice(1, keys: keys, required: false, "")
      guard let note, !form.hasErrors else { return nil }
      return .reject(promise: id, note: note, reason: reason)
    }
  }

  static func release(_ promise: Promise) -> Form {
    let id = promise.id
    return Form(title: "Release \(promise.label)", fields: [Field("Note", hint: "optional")]) { form in
      .release(promise: id, note: form.optional(0))
    }
  }
}

extension Form.Field {
  /// The team's reasons for a miss as a numbered list: one key picks one.
  static func reason(_ reasons: [Reason], hint: String) -> Form.Field {
    Form.Field("Reason", hint: hint, choices: reasons.map { Form.Choice(key: $0.key, words: $0.words) })
  }
}
