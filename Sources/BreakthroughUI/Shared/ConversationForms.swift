import BreakthroughCore

/// The forms for asking, answering and laying out what the breakthrough will take.
extension Form {
  /// `element`: the element it is for, when asked from the elements list.
  static func newRequest(for element: Element? = nil) -> Form {
    let elementID = element?.id
    return Form(
      title: element.map { "Ask someone to promise for \($0.label)" } ?? "Ask for a promise",
      fields: [
        Field("What", hint: "what you ask for, in one sentence"),
        Field("Of", hint: "handle of the person you ask, e.g. ben"),
        Field("By when", hint: "fri, +3d, eom, 2026-12-01 17:00"),
        Field("Answer by", hint: "when you need an answer (optional)", endsFormWhenEmpty: true),
      ]
    ) { form in
      let what = form.required(0, "say what you ask for, in one sentence")
      let performer = form.handle(1)
      let by = form.date(2)
      let replyBy = form.text(3).isEmpty ? nil : form.date(3)
      guard let what, let performer, let by, form.text(3).isEmpty || replyBy != nil else { return nil }
      return .request(what: what, of: performer, by: by, replyBy: replyBy, element: elementID)
    }
  }

  static func counter(_ request: Request) -> Form {
    let id = request.id
    return Form(
      title: "Counter \(request.label)",
      fields: [
        Field("By when", request.by.ledgerText, hint: "the by-when you can promise"),
        Field("What", request.what, hint: "what you can promise"),
        Field("Why", hint: "one line: why these terms"),
      ]
    ) { form in
      let by = form.date(0)
      let what = form.required(1, "say what you can promise")
      let note = form.required(2, "say why these terms")
      guard let by, let what, let note else { return nil }
      return .counter(request: id, by: by == request.by ? nil : by, what: what == request.what ? nil : what, note: note)
    }
  }

  static func decline(_ request: Request) -> Form {
    let id = request.id
    return Form(title: "Decline \(request.label)", fields: [Field("Why not", hint: "one line")]) { form in
      form.required(0, "say why not").map { .decline(request: id, note: $0) }
    }
  }

  static func withdraw(_ request: Request) -> Form {
    let id = request.id
    return Form(title: "Withdraw \(request.label)", fields: [Field("Note", hint: "optional")]) { form in
      .withdraw(request: id, note: form.optional(0))
    }
  }

  static func newElement() -> Form {
    Form(
      title: "What the breakthrough will take",
      fields: [
        Field("What", hint: "one specific, discrete thing it will take"),
        Field("By when", hint: "when it is needed (optional)", endsFormWhenEmpty: true),
      ]
    ) { form in
      let what = form.required(0, "say what it will take, in one sentence")
      let by = form.text(1).isEmpty ? nil : form.date(1)
      guard let what, form.text(1).isEmpty || by != nil else { return nil }
      return .addElement(what: what, by: by)
    }
  }

  static func meet(_ element: Element) -> Form {
    let id = element.id
    return Form(title: "\(element.label) met", fields: [Field("Note", hint: "optional")]) { form in
      .meetElement(element: id, note: form.optional(0))
    }
  }

  static func drop(_ element: Element) -> Form {
    let id = element.id
    return Form(title: "Drop \(element.label)", fields: [Field("Why", hint: "one line: why it is no longer needed")]) { form in
      form.required(0, "say why it is no longer needed").map { .dropElement(element: id, note: $0) }
    }
  }

  static func notYet() -> Form {
    Form(title: "Not yet in", fields: [Field("It would take", hint: "one line: what it would take for you to be in")]) { form in
      form.required(0, "say what it would take").map { .notYet(note: $0) }
    }
  }
}
