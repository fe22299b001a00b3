import Domain
import Fluent
import Vapor

/// `/api/v1/accountability`: the penalty rules, cases and their moves, the ledger.
enum AccountabilityAPIController {
  static func register(_ api: any RoutesBuilder) {
    api.get(Paths.apiAccountabilityRules.components, use: rules)
    api.post(Paths.apiAccountabilityRules.components, use: createVersion)
    api.get(Paths.apiAccountabilityCases.components, use: cases).query(workOrderParameter, stateParameter)
    api.get(Paths.apiAccountabilityCase.components, use: oneCase)
    api.post(Paths.apiAccountabilityCaseActions.components, use: act)
    api.get(Paths.apiAccountabilityLedger.components, use: ledger).query(personParameter)
    api.get(Paths.apiAccountabilityDeductions.components, use: deductions).query(monthParameter)
    api.post(Paths.apiAccountabilityPay.components, use: putPay)
    api.post(Paths.apiAccountabilityPayImport, bodyLimit: UploadLimits.Form.pay.collected, use: importPay)
  }

  static let monthParameter = QueryParameter<CivilDate>.month("month")

  static let workOrderParameter = QueryParameter<UUID>.uuid("workOrderId")
  static let personParameter = QueryParameter<UUID>.uuid("personId")
  static let stateParameter = QueryParameter<CaseState>.choice("state", CaseState.self)

  /// Every version and the one in force today; any signed-in client may read them.
  @Sendable static func rules(req: Request) async throws -> RulesResponse {
    _ = try req.actor
    let versions = try await PenaltyRulesService.versions(on: req.db)
    let today = BusinessTime.civilDate(of: req.now)
    return RulesResponse(inForce: PenaltyRuleVersion.inForce(on: today, among: versions)?.number, items: versions.map(RuleVersionDTO.init))
  }

  @Sendable static func createVersion(req: Request) async throws -> Response {
    try req.actor.require(.admin)
    let body = try req.content.decode(NewRuleVersionRequest.self)
    let version = try await PenaltyRulesService.create(
      effectiveFrom: body.effectiveFrom, rules: body.rules, actor: try req.actor, on: req.db, now: req.now)
    return try await RuleVersionDTO(version).encodeResponse(status: .created, for: req)
  }

  /// The cases the caller may see, newest first, as a plain array.
  @Sendable static func cases(req: Request) async throws -> [CaseDTO] {
    let actor = try req.actor
    var filter = CaseQueries.Filter()
    filter.workOrderID = try req.query(workOrderParameter)
    filter.state = try req.query(stateParameter)
    return try await CaseQueries.list(filter, for: actor, on: req.db).map { try CaseDTO($0.0, lines: $0.1) }
  }

  @Sendable static func oneCase(req: Request) async throws -> CaseDTO {
    let record = try await CaseService.findVisible(
      try req.uuidParameter("caseID", entity: "entity.accountability_case"), for: try req.actor, on: req.db)
    return try CaseDTO(record, lines: try await CaseQueries.lines(of: record, on: req.db))
  }

  /// `{"action", "version", …}`: submit, approve (`deductionMonth`), send_back and withdraw
  /// (`reason`), settle, record_four_donts (`fourDonts`), update (cause, severity, lines).
  @Sendable static func act(req: Request) async throws -> CaseDTO {
    let actor = try req.actor
    let record = try await CaseService.findVisible(
      try req.uuidParameter("caseID", entity: "entity.accountability_case"), for: actor, on: req.db)
    let body = try req.content.decode(CaseActionRequest.self)
    switch body.action {
    case "record_four_donts":
      guard let fourDonts = body.fourDonts else { throw AppError.invalid("fourDonts", "validation.required") }
      try await CaseService.recordFourDonts(record, fourDonts, expected: body.version, actor: actor, on: req.db, now: req.now)
    case "record_exam":
      try await CaseService.recordExam(
        record, line: body.line ?? -1, passedOn: body.examPassedOn, expected: body.version, actor: actor, on: req.db, now: req.now)
    case "update":
      let input = CaseEditing.Input(
        causeFramework: body.causeFramework ?? "", cause: body.cause ?? "", severity: body.severity ?? "",
        outsideChannel: body.outsideChannel, lines: body.lines ?? [])
      try await CaseEditing.update(record, input, expected: body.version, actor: actor, on: req.db, now: req.now)
    default:
      guard let action = CaseAction(rawValue: body.action), action != .startDeducting else {
        throw AppError.invalid("action", "validation.choice")
      }
      try await CaseService.act(
        record, action: action, expected: body.version, reason: body.reason, deductionMonth: body.deductionMonth, actor: actor,
        on: req.db, now: req.now)
    }
    guard let fresh = try await AccountabilityCase.find(try record.requireID(), on: req.db) else {
      throw AppError.notFound("entity.accountability_case")
    }
    return try CaseDTO(fresh, lines: try await CaseQueries.lines(of: fresh, on: req.db))
  }

  /// A person's ledger rows (ACC-LEDGER), oldest first.
  @Sendable static func ledger(req: Request) async throws -> [LedgerRowDTO] {
    let actor = try req.actor
    let person = try req.query(personParameter) ?? actor.userID
    return try await CaseQueries.ledger(personID: person, for: actor, on: req.db).map(LedgerRowDTO.init)
  }
}

extension AccountabilityAPIController {
  /// HR's deduction list of a month (default: this month).
  @Sendable static func deductions(req: Request) async throws -> DeductionListResponse {
    let day = try req.query(monthParameter) ?? BusinessTime.civilDate(of: req.now)
    return DeductionListResponse(try await DeductionList.month(YearMonth(day), for: try req.actor, on: req.db))
  }

  struct PayItem: Content {
    let personId: UUID
    let month: String
    let amountFen: Int
  }
  struct PayRequest: Content { let items: [PayItem] }
  struct PayResult: Content { let saved: Int }

  /// Performance pay as JSON: `{"items": [{"personId", "month", "amountFen"}]}`, all or none.
  @Sendable static func putPay(req: Request) async throws -> PayResult {
    let actor = try req.actor
    try PayService.requireHR(actor)
    let body = try req.content.decode(PayRequest.self)
    guard (1...5000).contains(body.items.count) else { throw AppError.invalid("items", "accountability.pay.error.count") }
    let visible = Set(try await PayService.visiblePeople(actor, on: req.db).values)
    var entries: [PayService.Entry] = []
    for (index, item) in body.items.enumerated() {
      guard visible.contains(item.personId) else { throw AppError.invalid("items[\(index)].personId", "validation.unknown_reference") }
      guard let month = YearMonth(iso: item.month) else { throw AppError.invalid("items[\(index)].month", "validation.month_format") }
      if let problem = PayRules.check(fen: item.amountFen) {
        throw AppError.invalid("items[\(index)].amountFen", "accountability.pay.error.\(problem.rawValue)", String(item.amountFen))
      }
      entries.append(.init(personID: item.personId, month: month, fen: item.amountFen))
    }
    guard Set(entries.map { "\($0.personID)/\($0.month)" }).count == entries.count else {
      throw AppError.invalid("items", "accountability.pay.error.repeated", "", "")
    }
    try await PayService.save(entries, actor: actor, on: req.db, now: req.now)
    return PayResult(saved: entries.count)
  }

  /// Performance pay as a CSV or XLSX body (columns username, month, pay in yuan).
  @Sendable static func importPay(req: Request) async throws -> PayResult {
    let actor = try req.actor
    try PayService.requireHR(actor)
    let data = req.body.data.map { Data(buffer: $0) } ?? Data()
    return PayResult(saved: try await PayService.importTable(data, actor: actor, on: req.db, now: req.now))
  }
}

struct DeductionListResponse: Content {
  let month: String
  let items: [DeductionList.Row]
  let totals: DeductionList.Totals

  init(_ list: DeductionList.Month) {
    month = list.month
    items = list.items
    totals = list.totals
  }
}
