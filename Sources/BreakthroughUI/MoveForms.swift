import BreakthroughCore

/// The forms that ask what a move needs: shared by the board's menu and the check-in.
extension Form {
  static func newPromise() -> Form {
    Form(title: "New promise", purpose: .newPromise, fields: [
      Field("What", hint: "the conditions of satisfaction, in one sentence"),
      Field("To", hint: "handle of your customer, e.g. ben"),
      Field("By when", hint: "fri, +3d, eom, 2026-12-01 17:00"),
    ])
  }

  static func declare(current: Breakthrough?) -> Form {
    Form(title: current == nil ? "Declare the breakthrough" : "Revise the breakthrough", purpose: .declare, fields: [
      Field("Statement", current?.terms.statement ?? "", hint: "the unprecedented result, said publicly"),
      Field("By when", current?.terms.by.ledgerText ?? "", hint: "2027-03-31"),
      Field("Measure", current?.terms.measure ?? "", hint: "how everyone will know it happened (optional)"),
      Field("Why", current?.terms.why ?? "", hint: "why it matters (optional)"),
    ])
  }

  static func notKept(_ promise: Promise) -> Form {
    Form(title: "\(promise.label) not kept", purpose: .notKept(promise: promise.id), fields: [
      Field("What happened", hint: "one line: what happened"),
      Field("Replace with", hint: "the new promise; Enter on an empty line skips it", endsFormWhenEmpty: true),
      Field("By when", hint: "for the replacement: fri, +3d, 2026-12-01"),
    ])
  }

  /// `askingOnlyTheDate` is the check-in's short form: the new by-when and nothing else.
  static func renegotiate(_ promise: Promise, askingOnlyTheDate: Bool = false) -> Form {
    let date = Field("New by when", hint: "fri, +3d, 2026-12-01")
    return Form(title: "Renegotiate \(promise.label) with \(promise.customer)", purpose: .renegotiate(promise: promise.id),
                fields: askingOnlyTheDate ? [date] : [date, Field("What", promise.what), Field("Note", hint: "optional")])
  }

  static func revoke(_ promise: Promise) -> Form {
    Form(title: "Revoke \(promise.label)", purpose: .revoke(promise: promise.id), fields: [Field("Why", hint: "one line: why you withdraw it")])
  }

  static func reject(_ promise: Promise) -> Form {
    Form(title: "Reject \(promise.label)", purpose: .reject(promise: promise.id), fields: [Field("What is missing")])
  }

  static func release(_ promise: Promise) -> Form {
    Form(title: "Release \(promise.label)", purpose: .release(promise: promise.id), fields: [Field("Note", hint: "optional")])
  }
}
