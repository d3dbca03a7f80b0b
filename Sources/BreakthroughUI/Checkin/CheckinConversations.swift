import BreakthroughCore
import TerminalKit

/// The check-in's items that are not promises: "are you in?", and requests awaiting an answer.
extension CheckinState {
  /// The elements of the breakthrough no promise covers well, to suggest at the closing question.
  var uncoveredElements: [(element: Element, coverage: Coverage)] {
    ledger.elementsByNeed(at: localNow).filter { $0.coverage == .nothingPromised || $0.coverage == .atRisk }
  }

  /// The label of an item: P12, R3, or the breakthrough.
  func label(_ item: CheckinAgenda.Item) -> String {
    switch item.stage {
    case .enrollment: return "the breakthrough"
    case .requests: return ledger.conversations.request(id: item.id)?.label ?? "a request"
    default: return ledger.label(ofID: item.id) ?? "a promise"
    }
  }

  func drawEnrollment(into grid: inout Grid, row top: Int, left: Int, width inner: Int) -> Int {
    guard let breakthrough = ledger.currentBreakthrough else { return top }
    var lines: [(String, Role)] = [
      (breakthrough.terms.statement, .header),
      (
        "by \(breakthrough.terms.by.description) (\(localNow.day.days(until: breakthrough.terms.by.day)) days left), declared by \(breakthrough.declaredBy)",
        .text
      ),
    ]
    if let measure = breakthrough.terms.measure { lines.append(("how everyone will know: \(measure)", .dim)) }
    if let roll = ledger.conversations.roll.summary { lines.append((roll, .dim)) }
    switch ledger.conversations.roll.standing(of: actor) {
    case .notYet(let said?)?: lines.append(("you said it would take: \(said)", .dim))
    case .unenrolled(let said)?: lines.append(("you stepped out: \(said)", .dim))
    default: break
    }
    if ledger.conversations.roll.entries.first(where: { $0.person == actor })?.wasInBefore == true {
      lines.append(("You were in for the declaration this one revised.", .dim))
    }
    lines += [("", .text), ("Are you in?", .title)]
    return drawBoxed(lines, title: "Enrollment", into: &grid, row: top, left: left, width: inner)
  }

  func drawRequest(_ request: Request, into grid: inout Grid, row top: Int, left: Int, width inner: Int) -> Int {
    let now = localNow
    let overdue = request.isAnswerOverdue(at: now)
    let who = request.state == .asked ? "\(request.customer) asks you" : "\(request.performer) offers you"
    var lines: [(String, Role)] = [
      (request.what, .header),
      ("\(who), by \(request.by.description) (\(request.by.words(at: now)))", .text),
    ]
    if let replyBy = request.terms.replyBy {
      lines.append(
        ("answer by \(replyBy.description)" + (overdue ? ": ANSWER OVERDUE" : " (\(replyBy.words(at: now)))"), overdue ? .overdue : .dim))
    }
    if request.isCountered, let last = request.history.last {
      lines.append(("\(last.actor) \(last.summary)" + (last.note.map { ": \($0)" } ?? ""), .dim))
    }
    lines += [("", .text), (request.state == .asked ? "Will you promise it?" : "Will you take it?", .title)]
    return drawBoxed(lines, title: request.label, into: &grid, row: top, left: left, width: inner)
  }

  private func drawBoxed(_ lines: [(String, Role)], title: String, into grid: inout Grid, row top: Int, left: Int, width inner: Int) -> Int
  {
    let frame = Rect(top: top, left: left, width: inner, height: lines.count + 2)
    grid.box(frame, title: title, role: .borderFocus, borders: glyphs.borders)
    for (offset, line) in lines.enumerated() {
      grid.put(line.0, row: frame.top + 1 + offset, column: left + 2, limit: inner - 4, role: line.1)
    }
    return drawKeys(into: &grid, row: frame.top + frame.height + 1, left: left, width: inner)
  }
}
