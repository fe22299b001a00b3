import Domain
import Fluent
import Spreadsheet
import Vapor

/// The leadership group's batch approval, HR's deduction list with the pay import, and a
/// person's own penalties.
enum LedgerPagesController {
  static let monthParameter = QueryParameter<CivilDate>.month("month")
  /// `open=true`: only the cases not yet settled or withdrawn (what the start page counts).
  static let openParameter = QueryParameter<Bool>.boolean("open")

  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.accountabilityBatches.components, use: batches)
    pages.post(Paths.accountabilityBatchApprove.components, use: approveBatch)
    pages.get(Paths.accountabilityDeductions.components, use: deductions).query(monthParameter)
    pages.get(Paths.accountabilityDeductionsXLSX.components, use: deductionsXLSX).query(monthParameter)
    pages.post(Paths.accountabilityPayImport, bodyLimit: UploadLimits.Form.pay.collected, use: importPay)
    pages.get(Paths.accountabilityMine.components, use: mine).query(openParameter)
  }

  static func yuan(_ fen: Int) -> String { RulesPage.yuan(fen) }

  // MARK: batches (ACC-BATCH)

  static func renderBatches(_ req: Request, errors: FieldErrors = .init(), status: HTTPStatus = .ok) async throws -> Response {
    let actor = try req.actor
    guard actor.has(.leader) || actor.isAdmin else { throw AppError.forbidden }
    var filter = CaseQueries.Filter()
    filter.state = .submitted
    let found = try await CaseQueries.list(filter, for: actor, on: req.db, limit: 5000)
    let units = Dictionary(try await OrgUnit.visible(to: actor, on: req.db).map { (try $0.requireID(), $0.name) }) { a, _ in a }
    let names = try await CasePagesController.personNames(found.flatMap { $0.1.compactMap(\.personID) }, on: req.db)
    let grouped = Dictionary(grouping: found) { "\($0.0.$unit.id.uuidString)|\($0.0.halfYear)" }
    let list = try grouped.keys.sorted().map { key -> BatchPage.Batch in
      let cases = grouped[key] ?? []
      let first = cases[0].0
      var perPerson: [String: Int] = [:]
      for (record, lines) in cases {
        for line in lines {
          let who = line.personID.flatMap { names[$0] } ?? (units[line.unitID ?? record.$unit.id] ?? "")
          perPerson[who, default: 0] += line.amountFen
        }
      }
      return BatchPage.Batch(
        unitId: first.$unit.id.uuidString, unitName: units[first.$unit.id] ?? "", halfYear: first.halfYear,
        cases: try cases.map { record, lines in
          BatchPage.Case(
            id: try record.requireID().uuidString, version: record.version, href: Paths.accountabilityCase.link(try record.requireID()),
            number: record.workOrderNumber, total: yuan(lines.reduce(0) { $0 + $1.amountFen }))
        },
        people: perPerson.sorted { $0.key < $1.key }.map { BatchPage.Person(name: $0.key, total: yuan($0.value)) },
        total: yuan(cases.flatMap(\.1).reduce(0) { $0 + $1.amountFen }))
    }
    let page = BatchPage(
      chrome: try await .make(for: req, titleKey: "accountability.batches.title"), batches: list,
      action: Paths.accountabilityBatchApprove.link(), thisMonth: YearMonth(BusinessTime.civilDate(of: req.now)).description,
      errors: errors.localized(req.application.localizer, req.locale))
    return try await req.page("accountability/batches", page, status: status)
  }

  @Sendable static func batches(req: Request) async throws -> Response { try await renderBatches(req) }

  /// Approves a unit's half-yearly batch as shown: `cases` lists `id:version` of every case on
  /// the screen; a case moved since (or a batch approved already) refuses the whole approval.
  @Sendable static func approveBatch(req: Request) async throws -> Response {
    let actor = try req.actor
    let form = try req.content.decode([String: String].self)
    return try await req.submitForm {
      let month = try BatchService.deductionMonth(form["deductionMonth"], now: req.now)
      var records: [AccountabilityCase] = []
      var versions: [Int] = []
      for pair in (form["cases"] ?? "").split(separator: ",") {
        let parts = pair.split(separator: ":")
        guard parts.count == 2, let id = UUID(uuidString: String(parts[0])), let version = Int(parts[1]) else {
          throw AppError.invalid("batch", "validation.choice")
        }
        records.append(try await CaseService.findVisible(id, for: actor, on: req.db))
        versions.append(version)
      }
      try await BatchService.approve(cases: records, expected: versions, month: month, actor: actor, on: req.db, now: req.now)
      return req.redirect(to: Paths.accountabilityBatches.link())
    } showAgain: { errors, status in
      try await renderBatches(req, errors: errors, status: status)
    }
  }

  // MARK: HR's deduction list and pay import (ACC-LEDGER, ACC-PAY)

  static func renderDeductions(
    _ req: Request, month: YearMonth, notice: String? = nil, errors: FieldErrors = .init(), lines: [ImportFailure.Line] = [],
    status: HTTPStatus = .ok
  ) async throws -> Response {
    let actor = try req.actor
    let list = try await DeductionList.month(month, for: actor, on: req.db)
    let localizer = req.application.localizer
    let page = DeductionPage(
      chrome: try await .make(for: req, titleKey: "accountability.deductions.title"), month: list.month,
      rows: list.items.map {
        DeductionPage.Row(
          person: $0.personName, unit: $0.unitName, number: $0.workOrderNumber, href: Paths.accountabilityCase.link($0.caseId),
          kindKey: "accountability.kind.\($0.kind)", charged: yuan($0.chargedFen), deducted: yuan($0.deductedFen),
          carried: yuan($0.carriedFen))
      },
      charged: yuan(list.totals.chargedFen), deducted: yuan(list.totals.deductedFen), carried: yuan(list.totals.carriedFen),
      xlsxHref: Paths.accountabilityDeductionsXLSX.link() + "?month=\(list.month)", importAction: Paths.accountabilityPayImport.link(),
      canImport: actor.has(.hr) || actor.isAdmin, notice: notice, errors: errors.localized(localizer, req.locale),
      importLines: lines.map {
        localizer.text(
          "import.line", locale: req.locale, args: [String($0.line), localizer.text($0.key, locale: req.locale, args: $0.args)])
      })
    return try await req.page("accountability/deductions", page, status: status)
  }

  static func requestedMonth(_ req: Request) throws -> YearMonth {
    YearMonth(try req.query(monthParameter) ?? BusinessTime.civilDate(of: req.now))
  }

  @Sendable static func deductions(req: Request) async throws -> Response {
    try await renderDeductions(req, month: try requestedMonth(req))
  }

  @Sendable static func deductionsXLSX(req: Request) async throws -> Response {
    let list = try await DeductionList.month(try requestedMonth(req), for: try req.actor, on: req.db)
    let header = [
      "accountability.person", "accountability.unit", "accountability.order", "accountability.kind", "accountability.charged_yuan",
      "accountability.deducted_yuan", "accountability.carried_yuan",
    ].map { SpreadsheetCell.text(req.t($0)) }
    let rows = list.items.map { row -> [SpreadsheetCell] in
      [
        .text(row.personName), .text(row.unitName), .text(row.workOrderNumber), .text(req.t("accountability.kind.\(row.kind)")),
        .number(Double(row.chargedFen) / 100), .number(Double(row.deductedFen) / 100), .number(Double(row.carriedFen) / 100),
      ]
    }
    let sheet = SpreadsheetSheet(name: list.month, rows: [header] + rows, boldFirstRow: true)
    return try XLSXDownload.response(SpreadsheetWorkbook(sheets: [sheet]), name: "deductions-\(list.month).xlsx")
  }

  struct ImportForm: Content {
    var file: File?
  }

  @Sendable static func importPay(req: Request) async throws -> Response {
    let actor = try req.actor
    try PayService.requireHR(actor)
    let month = YearMonth(BusinessTime.civilDate(of: req.now))
    let form = try req.content.decode(ImportForm.self)
    do {
      let saved = try await PayService.importTable(Data(buffer: form.file?.data ?? ByteBuffer()), actor: actor, on: req.db, now: req.now)
      return try await renderDeductions(req, month: month, notice: req.t("accountability.pay.imported", String(saved)))
    } catch let error as AppError where error.field != nil {
      var errors = FieldErrors()
      errors.add("file", error.messageKey, args: error.args)
      return try await renderDeductions(req, month: month, errors: errors, lines: error.lines, status: error.status)
    }
  }

  // MARK: a person's own penalties (ACC-SCOPE)

  /// The cases with a line of the person's, newest first; `openOnly`: not settled or withdrawn.
  static func openCases(of personID: UUID, openOnly: Bool = true, on db: any Database) async throws -> [AccountabilityCase] {
    let lines = try await AccountabilityLine.query(on: db).filter(\.$personID == personID).all()
    let caseIDs = Array(Set(lines.map(\.$accountabilityCase.id)))
    let query = AccountabilityCase.query(on: db).filter(\.$id ~~ caseIDs)
    if openOnly { query.filter(\.$state != .settled).filter(\.$state != .withdrawn) }
    return try await query.sort(\.$verifiedAt, .descending).all()
  }

  @Sendable static func mine(req: Request) async throws -> Response {
    let actor = try req.actor
    let lines = try await AccountabilityLine.query(on: req.db).filter(\.$personID == actor.userID).all()
    let cases = try await openCases(of: actor.userID, openOnly: try req.query(openParameter) ?? false, on: req.db)
    let units = Dictionary(
      try await OrgUnit.query(on: req.db).filter(\.$id ~~ cases.map { $0.$unit.id }).all().map { (try $0.requireID(), $0.name) }
    ) {
      a, _ in a
    }
    let byCase = Dictionary(grouping: lines) { $0.$accountabilityCase.id }
    let ledger = try await CaseQueries.ledger(personID: actor.userID, for: actor, on: req.db)
    var owed = 0
    for line in lines {
      guard let state = cases.first(where: { $0.id == line.$accountabilityCase.id })?.state,
        state == .approved || state == .deducting
      else { continue }
      let rows = ledger.filter { $0.lineID == line.id }
      owed += rows.max { $0.month < $1.month }?.carriedFen ?? line.amountFen
    }
    let page = MyPenaltiesPage(
      chrome: try await .make(for: req, titleKey: "accountability.mine.title"),
      cases: try cases.map {
        try CasePagesController.row(
          $0, byCase[try $0.requireID()] ?? [], unitName: units[$0.$unit.id] ?? "", names: [actor.userID: actor.displayName])
      },
      ledger: ledger.map {
        CasePage.Entry(
          month: $0.month,
          kindKey: "accountability.kind.\($0.kind.rawValue)",
          charged: yuan($0.chargedFen), deducted: yuan($0.deductedFen), carried: yuan($0.carriedFen))
      }, owed: yuan(owed))
    return try await req.page("accountability/mine", page)
  }
}
