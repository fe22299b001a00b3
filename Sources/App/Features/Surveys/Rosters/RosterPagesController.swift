import Domain
import Fluent
import Vapor

struct RostersPage: Encodable {
  struct Row: Encodable {
    let county: String
    let version: Int
    let fileName: String
    let importedAt: String
    let importedBy: String
    let total: Int
    let valid: Int
    let validRate: String
    let completeness: String
    let rejected: Int
  }
  struct Result: Encodable {
    let county: String
    let version: Int
    let total: Int
    let valid: Int
    let rejected: Int
    let validRate: String
    let completeness: String
  }
  struct Problem: Encodable {
    let line: Int
    let message: String
  }
  /// A file waiting for confirmation before it replaces a county's current roster.
  struct Pending: Encodable {
    let county: String
    let fileName: String
    let currentVersion: Int
    let currentTotal: Int
    let currentValid: Int
    let newTotal: Int
    let newValid: Int
    let confirmAction: String
    let cancelAction: String
  }
  let chrome: Chrome
  let rows: [Row]
  let counties: [Choice]
  let importAction: String
  let templateHref: String
  let result: Result?
  let problems: [Problem]
  let hasProblems: Bool
  let moreProblems: Int
  let pending: Pending?
  let errors: [String: String]
}

/// Roster imports per county company, with the validity and completeness of each list.
enum RosterPagesController {
  static let problemsShown = 500

  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.rosters.components, use: show)
    pages.post(Paths.rosterImport, bodyLimit: UploadLimits.Form.roster.collected, use: upload)
    pages.post(Paths.rosterPending.components, use: confirmReplace)
    pages.post(Paths.rosterPendingCancel.components, use: cancelReplace)
    pages.get(Paths.rosterTemplate.components, use: template)
  }

  /// An empty roster in the unified format with one example row, to fill in.
  @Sendable static func template(req: Request) async throws -> Response {
    let header = RosterField.allCases.map(\.headerZh)
    let example = ["0101000001", "张伟", "13800138001", "城关镇解放路12号", "QH-LC-S1", "居民", "220V", "城区"]
    return CSVExport.template([header, example], name: "roster-template.csv")
  }

  struct UploadForm: Content {
    var unitId: String?
    var file: File?
  }

  static func render(
    _ req: Request, result: RosterImportResult? = nil, lines: [ImportFailure.Line] = [], chosen: String? = nil,
    pending: RostersPage.Pending? = nil, errors: FieldErrors = .init(), status: HTTPStatus = .ok
  ) async throws -> Response {
    let actor = try req.actor
    guard !RosterImport.allowedRoles.isDisjoint(with: actor.roles) else { throw AppError.forbidden }
    let units = try await OrgUnit.visible(to: actor, on: req.db)
    let counties = units.filter { $0.kind == .county }
    let names = Dictionary(uniqueKeysWithValues: try units.map { (try $0.requireID(), $0.name) })
    let codes = Dictionary(uniqueKeysWithValues: try units.map { (try $0.requireID(), $0.code) })
    let versions = try await RosterVersion.query(on: req.db).filter(\.$isCurrent == true)
      .filter(\.$unit.$id ~~ counties.compactMap(\.id)).all()
    let localizer = req.application.localizer
    let shown = lines.isEmpty ? (result?.problems ?? []).prefix(problemsShown).map(RosterImport.importLine) : lines
    let total = lines.isEmpty ? (result?.problems.count ?? 0) : lines.count
    let page = RostersPage(
      chrome: try await .make(for: req, titleKey: "roster.title"),
      rows: versions.sorted { codes[$0.$unit.id, default: ""] < codes[$1.$unit.id, default: ""] }.map { v in
        let q = RosterQuality(total: v.totalRows, valid: v.validRows, complete: v.completeRows)
        return .init(
          county: names[v.$unit.id] ?? "", version: v.version, fileName: v.fileName,
          importedAt: v.createdAt.map(DisplayFormat.dateTime) ?? "", importedBy: v.importedBy, total: v.totalRows,
          valid: v.validRows, validRate: DisplayFormat.percent(q.validListRate),
          completeness: DisplayFormat.percent(q.completenessRate), rejected: v.totalRows - v.validRows)
      },
      counties: try counties.map {
        Choice(value: try $0.requireID().uuidString, label: $0.name, selected: try $0.requireID().uuidString == chosen)
      },
      importAction: Paths.rosterImport.link(), templateHref: Paths.rosterTemplate.link(),
      result: result.map {
        .init(
          county: $0.county, version: $0.version, total: $0.quality.total, valid: $0.quality.valid,
          rejected: $0.quality.total - $0.quality.valid, validRate: DisplayFormat.percent($0.quality.validListRate),
          completeness: DisplayFormat.percent($0.quality.completenessRate))
      },
      problems: shown.map {
        .init(
          line: $0.line,
          message: localizer.text($0.key, locale: req.locale, args: $0.args.map { localizer.text($0, locale: req.locale) }))
      },
      hasProblems: !shown.isEmpty, moreProblems: max(0, total - shown.count), pending: pending,
      errors: errors.localized(localizer, req.locale))
    return try await req.page("surveys/rosters", page, status: status)
  }

  @Sendable static func show(req: Request) async throws -> Response { try await render(req) }

  /// A county without a roster imports at once; a file that would replace the current roster
  /// is kept aside and the old and new row counts are shown for confirmation first.
  @Sendable static func upload(req: Request) async throws -> Response {
    let form = try req.content.decode(UploadForm.self)
    let data = form.file.map { Data(buffer: $0.data) } ?? Data()
    let countyID = UUID(uuidString: form.unitId ?? "")
    do {
      if let countyID, try await RosterReplacement.current(countyID, on: req.db) != nil {
        let pending = try await RosterReplacement.hold(data, fileName: form.file?.filename ?? "", countyID: countyID, for: req)
        return try await render(req, chosen: form.unitId, pending: pending)
      }
      let result = try await RosterImport.run(
        data, fileName: form.file?.filename ?? "", countyID: countyID, actor: try req.actor, on: req.db, now: req.now)
      return try await render(req, result: result, chosen: form.unitId)
    } catch let error as AppError where error.field != nil {
      return try await render(
        req, lines: error.lines, chosen: form.unitId, errors: error.asFieldErrors,
        status: error.status == .notFound ? .unprocessableEntity : error.status)
    } catch let error as AppError where error.status == .notFound {
      var errors = FieldErrors()
      errors.add("unitId", "roster.error.not_county")
      return try await render(req, chosen: form.unitId, errors: errors, status: .unprocessableEntity)
    }
  }
}

extension RosterPagesController {
  struct ConfirmForm: Content {
    var confirm: String?
  }

  /// Replaces the roster with the file held for confirmation, when the box is ticked.
  @Sendable static func confirmReplace(req: Request) async throws -> Response {
    let actor = try req.actor
    let id = try req.uuidParameter("uploadID", entity: "entity.pending_upload")
    guard let held = RosterReplacement.held(id, for: req) else {
      var errors = FieldErrors()
      errors.add("file", "roster.replace.expired")
      return try await render(req, errors: errors, status: .unprocessableEntity)
    }
    var errors = FieldErrors()
    FormConfirmation.require(try req.content.decode(ConfirmForm.self).confirm, errors: &errors)
    guard errors.isEmpty else {
      let pending = try await RosterReplacement.pendingPage(held.entry, on: req.db)
      return try await render(
        req, chosen: held.entry.subjectID.uuidString, pending: pending, errors: errors, status: .unprocessableEntity)
    }
    defer { req.application.pendingUploads.remove(id) }
    do {
      let result = try await RosterImport.run(
        held.data, fileName: held.entry.fileName, countyID: held.entry.subjectID, actor: actor, on: req.db, now: req.now)
      return try await render(req, result: result, chosen: held.entry.subjectID.uuidString)
    } catch let error as AppError where error.field != nil {
      return try await render(
        req, lines: error.lines, chosen: held.entry.subjectID.uuidString, errors: error.asFieldErrors,
        status: error.status == .notFound ? .unprocessableEntity : error.status)
    }
  }

  /// Drops the held file; the current roster stays as it was.
  @Sendable static func cancelReplace(req: Request) async throws -> Response {
    let id = try req.uuidParameter("uploadID", entity: "entity.pending_upload")
    if RosterReplacement.held(id, for: req) != nil { req.application.pendingUploads.remove(id) }
    return req.redirect(to: Paths.rosters.link())
  }
}

/// The confirmation step before a county's current roster is replaced.
enum RosterReplacement {
  static let purpose = "roster"

  static func current(_ countyID: UUID, on db: any Database) async throws -> RosterVersion? {
    try await RosterVersion.query(on: db).filter(\.$unit.$id == countyID).filter(\.$isCurrent == true).first()
  }

  /// Checks the file as an import would (nothing written) and keeps it aside with its counts.
  static func hold(_ data: Data, fileName: String, countyID: UUID, for req: Request) async throws -> RostersPage.Pending {
    let actor = try req.actor
    let quality = try await RosterImport.preview(data, countyID: countyID, actor: actor, on: req.db)
    let entry = try req.application.pendingUploads.save(
      data, purpose: purpose, userID: actor.userID, subjectID: countyID, fileName: String(fileName.prefix(200)),
      figures: ["total": quality.total, "valid": quality.valid], now: req.now)
    return try await pendingPage(entry, on: req.db)
  }

  static func held(_ id: UUID, for req: Request) -> (entry: PendingUploads.Entry, data: Data)? {
    guard let actor = try? req.actor else { return nil }
    return req.application.pendingUploads.load(id, purpose: purpose, userID: actor.userID, now: req.now)
  }

  static func pendingPage(_ entry: PendingUploads.Entry, on db: any Database) async throws -> RostersPage.Pending {
    let county = try await OrgUnit.find(entry.subjectID, on: db)
    let version = try await Self.current(entry.subjectID, on: db)
    return RostersPage.Pending(
      county: county?.name ?? "", fileName: entry.fileName, currentVersion: version?.version ?? 0,
      currentTotal: version?.totalRows ?? 0, currentValid: version?.validRows ?? 0, newTotal: entry.figures["total"] ?? 0,
      newValid: entry.figures["valid"] ?? 0, confirmAction: Paths.rosterPending.link(entry.id),
      cancelAction: Paths.rosterPendingCancel.link(entry.id))
  }
}
