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

  static func notKept(_ promise: Promise) -> Form {
    let id = promise.id
    return Form(
      title: "\(promise.label) not kept",
      fields: [
        Field("What happened", hint: "one line: what happened"),
        Field("Replace with", hint: "the new promise; Enter on an empty line skips it", endsFormWhenEmpty: true),
        Field("By when", hint: "for the replacement: fri, +3d, 2026-12-01"),
      ]
    ) { form in
      let note = form.required(0, "say what happened")
      let what = form.optional(1)
      let by: ByWhen? = what == nil && form.text(2).isEmpty ? nil : form.date(2)
      if what == nil && by != nil { return form.fail(1, "the replacement needs a what (or clear the date)") }
      guard let note, what == nil || by != nil else { return nil }
      let replacement = what.flatMap { what in by.map { Move.Replacement(what: what, by: $0) } }
      return .notKept(promise: id, note: note, replacement: replacement)
    }
  }

  /// `askingOnlyTheDate` is the check-in's short form: the new by-when and nothing else.
  static func renegotiate(_ promise: Promise, askingOnlyTheDate: Bool = false) -> Form {
    let id = promise.id
    let date = Field("New by when", hint: "fri, +3d, 2026-12-01")
    return Form(
      title: "Renegotiate \(promise.label) with \(promise.customer)",
      fields: askingOnlyTheDate ? [date] : [date, Field("What", promise.what), Field("Note", hint: "optional")]
    ) { form in
      guard let by = form.date(0) else { return nil }
      return .renegotiate(promise: id, by: by, what: form.optional(1), note: form.optional(2))
    }
  }

  static func revoke(_ promise: Promise) -> Form {
    let id = promise.id
    return Form(title: "Revoke \(promise.label)", fields: [Field("Why", hint: "one line: why you withdraw it")]) { form in
      form.required(0, "say why you withdraw it").map { .revoke(promise: id, note: $0) }
    }
  }

  static func reject(_ promise: Promise) -> Form {
    let id = promise.id
    return Form(title: "Reject \(promise.label)", fields: [Field("What is missing")]) { form in
      form.required(0, "say what is missing").map { .reject(promise: id, note: $0) }
    }
  }

  static func release(_ promise: Promise) -> Form {
    let id = promise.id
    return Form(title: "Release \(promise.label)", fields: [Field("Note", hint: "optional")]) { form in
      .release(promise: id, note: form.optional(0))
    }
  }
}
