import Domain
import Fluent
import Vapor

/// Marketing's case list and the case page with every move a person can make on it.
enum CasePagesController {
  static let stateParameter = QueryParameter<CaseState>.choice("state", CaseState.self)

  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.accountabilityCases.components, use: list).query(stateParameter)
    pages.get(Paths.accountabilityCase.components, use: show)
    pages.post(Paths.accountabilityCaseActions.components, use: act)
  }

  static func yuan(_ fen: Int) -> String { RulesPage.yuan(fen) }

  static func row(
    _ record: AccountabilityCase, _ lines: [AccountabilityLine], unitName: String, names: [UUID: String]
  ) throws -> CaseListPage.Row {
    CaseListPage.Row(
      href: Paths.accountabilityCase.link(try record.requireID()), number: record.workOrderNumber, unitName: unitName,
      halfYear: record.halfYear, stateKey: "accountability.state.\(record.state.rawValue)",
      causeKey: causeKey(record.cause), severityKey: "accountability.severity.\(record.severity.rawValue)",
      total: yuan(lines.reduce(0) { $0 + $1.amountFen }),
      people: lines.compactMap { $0.personID.flatMap { names[$0] } }.joined(separator: "、"))
  }

  static func causeKey(_ cause: CaseCause) -> String {
    GeneralCause(rawValue: cause.code) != nil ? "accountability.cause.\(cause.code)" : cause.code
  }

  @Sendable static func list(req: Request) async throws -> Response {
    let actor = try req.actor
    guard CaseService.canOversee(actor) else { return req.redirect(to: Paths.accountabilityMine.link()) }
    var filter = CaseQueries.Filter()
    filter.state = try req.query(stateParameter)
    let found = try await CaseQueries.list(filter, for: actor, on: req.db)
    let units = Dictionary(try await OrgUnit.visible(to: actor, on: req.db).map { (try $0.requireID(), $0.name) }) { a, _ in a }
    let names = try await personNames(found.flatMap { $0.1.compactMap(\.personID) }, on: req.db)
    let page = CaseListPage(
      chrome: try await .make(for: req, titleKey: "accountability.cases.title"),
      states: CaseState.allCases.map {
        Choice(value: $0.rawValue, labelKey: "accountability.state.\($0.rawValue)", selected: $0 == filter.state)
      },
      rows: try found.map { try row($0.0, $0.1, unitName: units[$0.0.$unit.id] ?? "", names: names) }, count: found.count)
    return try await req.page("accountability/cases", page)
  }

  static func personNames(_ ids: [UUID], on db: any Database) async throws -> [UUID: String] {
    guard !ids.isEmpty else { return [:] }
    let users = try await User.query(on: db).filter(\.$id ~~ Array(Set(ids))).all()
    return Dictionary(try users.map { (try $0.requireID(), $0.displayName) }) { a, _ in a }
  }

  static func render(
    _ req: Request, id: UUID, values: [String: String] = [:], errors: FieldErrors = .init(), status: HTTPStatus = .ok
  ) async throws -> Response {
    let actor = try req.actor
    let record = try await CaseService.findVisible(id, for: actor, on: req.db)
    let lines = try await CaseQueries.lines(of: record, on: req.db)
    let rules = try await CaseService.rules(of: record, on: req.db)
    let state = record.state
    let names = try await personNames(lines.compactMap(\.personID), on: req.db)
    let unitName = try await OrgUnit.find(record.$unit.id, on: req.db)?.name ?? ""
    let text = { (key: String) in req.application.localizer.text(key, locale: req.locale) }
    func examRequired(_ line: AccountabilityLine) -> Bool {
      guard
        case .success(let range) = rules.range(
          for: LineQuestion(
            cause: record.cause, severity: record.severity, role: line.role, outsideChannel: record.outsideChannel))
      else { return false }
      return range.examRequired
    }
    let pageLines = lines.enumerated().map { index, line in
      let role = line.role.rawValue
      let sanction = line.sanction?.rawValue ?? ""
      return CasePage.Line(
        index: index, roleKey: "accountability.role.\(line.role.rawValue)",
        role: values["role_\(index)"] ?? role,
        who: line.personID.flatMap { names[$0] } ?? (line.unitID == record.$unit.id ? unitName : ""),
        personId: values["person_\(index)"] ?? line.personID?.uuidString ?? "", unitId: line.unitID?.uuidString ?? "",
        range: RulesPage.range(FenRange(minFen: line.minFen, maxFen: line.maxFen), ceiling: rules.ceilingFen, text: text),
        amount: yuan(line.amountFen),
        amountInput: values["amount_\(index)"] ?? yuan(line.amountFen).replacingOccurrences(of: "¥", with: ""),
        sanction: values["sanction_\(index)"] ?? sanction,
        sanctionKey: line.sanction.map { "accountability.sanction.\($0.rawValue)" } ?? "accountability.sanction.none",
        examRequired: examRequired(line), examPassedOn: line.examPassedOn)
    }
    let entries = try await LedgerEntry.query(on: req.db).filter(\.$caseID == record.requireID()).sort(\.$month).sort(\.$createdAt).all()
    let four = try record.fourDonts
    let reviewer = actor.has(.reviewer) || actor.isAdmin
    let leader = actor.has(.leader) || actor.isAdmin
    let editable = CaseWorkflow.linesEditable(state)
    let cause = record.cause
    let causes = CauseFramework.allCases.flatMap { framework in
      rules.causeChoices(framework).map {
        Choice(
          value: "\($0.framework.rawValue):\($0.code)",
          label: text("accountability.framework.\(framework.rawValue)") + " · "
            + (GeneralCause(rawValue: $0.code) != nil ? text("accountability.cause.\($0.code)") : $0.code),
          selected: $0 == cause)
      }
    }
    let people = try await User.query(on: req.db).join(OrgUnit.self, on: \User.$unit.$id == \OrgUnit.$id)
      .filter(OrgUnit.self, \.$path =~ (try await OrgUnit.find(record.$unit.id, on: req.db)?.path ?? "-")).filter(\.$isActive == true)
      .sort(\.$displayName).limit(500).all()
    let page = CasePage(
      chrome: try await .make(for: req, titleKey: "accountability.case.title"),
      id: try record.requireID().uuidString, version: record.version, number: record.workOrderNumber, unitName: unitName,
      halfYear: record.halfYear, state: state.rawValue, stateKey: "accountability.state.\(state.rawValue)",
      causeKey: causeKey(cause), frameworkKey: "accountability.framework.\(cause.framework.rawValue)",
      severityKey: "accountability.severity.\(record.severity.rawValue)",
      outside: record.outsideChannel.flatMap { code in rules.channel(code).map { "\($0.name)（\(code)）" } },
      deductionMonth: record.deductionMonth, reason: record.reason, lines: pageLines,
      ledger: entries.map {
        CasePage.Entry(
          month: $0.month,
          kindKey: "accountability.kind.\($0.kind.rawValue)",
          charged: yuan($0.chargedFen), deducted: yuan($0.deductedFen), carried: yuan($0.carriedFen))
      },
      fourDonts: zip(FourDonts.fields, [four.causeEstablished, four.personEducated, four.correctiveMeasure, four.personDealtWith]).map {
        Choice(value: $0.1, label: $0.0, labelKey: "accountability.four_donts.\($0.0)", selected: !$0.1.isEmpty)
      },
      actionHref: Paths.accountabilityCaseActions.link(try record.requireID()),
      canEdit: reviewer && editable, canSubmit: reviewer && editable, canDecide: leader && state == .submitted,
      canSettle: reviewer && (state == .approved || state == .deducting), canWithdraw: reviewer && !state.isFinal,
      canRecord: reviewer && !state.isFinal, causes: causes,
      severities: Severity.allCases.map {
        Choice(value: $0.rawValue, labelKey: "accountability.severity.\($0.rawValue)", selected: $0 == record.severity)
      },
      channels: [Choice(value: "", label: text("accountability.no_outside"), selected: record.outsideChannel == nil)]
        + rules.outsideChannels.map { Choice(value: $0.code, label: $0.name, selected: $0.code == record.outsideChannel) },
      roles: ResponsibilityRole.allCases.map {
        Choice(value: $0.rawValue, labelKey: "accountability.role.\($0.rawValue)", selected: false)
      },
      sanctions: [Choice(value: "", labelKey: "accountability.sanction.none", selected: false)]
        + Sanction.allCases.map { Choice(value: $0.rawValue, labelKey: "accountability.sanction.\($0.rawValue)", selected: false) },
      people: try people.map { Choice(value: try $0.requireID().uuidString, label: $0.displayName, selected: false) },
      thisMonth: YearMonth(BusinessTime.civilDate(of: req.now)).description, values: values,
      errors: errors.localized(req.application.localizer, req.locale))
    return try await req.page("accountability/case", page, status: status)
  }

  @Sendable static func show(req: Request) async throws -> Response {
    try await render(req, id: try req.uuidParameter("caseID", entity: "entity.accountability_case"))
  }

  /// Every form of the case page posts here with `action` and the `version` it showed.
  @Sendable static func act(req: Request) async throws -> Response {
    let actor = try req.actor
    let id = try req.uuidParameter("caseID", entity: "entity.accountability_case")
    let form = try req.content.decode([String: String].self)
    let version = Int(form["version"] ?? "") ?? -1
    return try await req.submitForm {
      let record = try await CaseService.findVisible(id, for: actor, on: req.db)
      switch form["action"] ?? "" {
      case "record_four_donts":
        let four = FourDonts(
          causeEstablished: form["causeEstablished"] ?? "", personEducated: form["personEducated"] ?? "",
          correctiveMeasure: form["correctiveMeasure"] ?? "", personDealtWith: form["personDealtWith"] ?? "")
        try await CaseService.recordFourDonts(record, four, expected: version, actor: actor, on: req.db, now: req.now)
      case "record_exam":
        try await CaseService.recordExam(
          record, line: Int(form["line"] ?? "") ?? -1, passedOn: form["examPassedOn"], expected: version, actor: actor, on: req.db,
          now: req.now)
      case "update":
        try await CaseEditing.update(record, try editInput(form), expected: version, actor: actor, on: req.db, now: req.now)
      default:
        guard let action = CaseAction(rawValue: form["action"] ?? ""), action != .startDeducting else {
          throw AppError.invalid("action", "validation.choice")
        }
        try await CaseService.act(
          record, action: action, expected: version, reason: form["reason"], deductionMonth: form["deductionMonth"], actor: actor,
          on: req.db, now: req.now)
      }
      return req.redirect(to: Paths.accountabilityCase.link(id))
    } showAgain: { errors, status in
      // A line's or a don't's field is shown beside the lines or the four don'ts, naming which.
      var shown = FieldErrors()
      for message in errors.messages {
        if message.field.hasPrefix("lines["), let number = Int(message.field.dropFirst(6).prefix { $0.isNumber }) {
          shown.add("lines", "accountability.error.in_line", String(number + 1), message.key)
        } else {
          shown.add(message.field.hasPrefix("fourDonts") ? "fourDonts" : message.field, message.key, args: message.args)
        }
      }
      return try await render(req, id: id, values: form, errors: shown, status: status)
    }
  }

  /// The edit form's fields: `cause` as framework:code, and per line `role_N`, `person_N`,
  /// `amount_N` (yuan) and `sanction_N`; a line without an amount is left out.
  static func editInput(_ form: [String: String]) throws -> CaseEditing.Input {
    let cause = (form["cause"] ?? "").split(separator: ":", maxSplits: 1).map(String.init)
    var lines: [CaseEditing.LineInput] = []
    for index in 0..<CaseLimits.lines {
      guard let amount = form["amount_\(index)"]?.trimmingCharacters(in: .whitespaces), !amount.isEmpty else { continue }
      guard case .success(let fen) = PayRules.fen(fromYuan: amount) else {
        throw AppError.invalid("lines[\(lines.count)].amountFen", "accountability.error.amount_out_of_range")
      }
      let role = form["role_\(index)"] ?? ""
      let who = UUID(uuidString: form["person_\(index)"] ?? "")
      lines.append(
        .init(
          role: role, personId: role == "unit" ? nil : who, unitId: role == "unit" ? UUID(uuidString: form["unit_\(index)"] ?? "") : nil,
          amountFen: fen, sanction: form["sanction_\(index)"]))
    }
    return CaseEditing.Input(
      causeFramework: cause.first ?? "", cause: cause.count > 1 ? cause[1] : "", severity: form["severity"] ?? "",
      outsideChannel: form["outsideChannel"], lines: lines)
  }
}
