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
  let chrome: Chrome
  let rows: [Row]
  let counties: [Choice]
  let importAction: String
  let templateHref: String
  let result: Result?
  let problems: [Problem]
  let hasProblems: Bool
  let moreProblems: Int
  let errors: [String: String]
}

/// Roster imports per county company, with the validity and completeness of each list.
enum RosterPagesController {
  static let maxUpload: ByteCount = "100mb"
  static let problemsShown = 500

  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.rosters.components, use: show)
    pages.post(Paths.rosterImport, bodyLimit: maxUpload, use: upload)
    pages.get(Paths.rosterTemplate.components, use: template)
  }

  /// An empty roster in the unified format with one example row, to fill in.
  @Sendable static func template(req: Request) async throws -> Response {
    let header = RosterField.allCases.map(\.headerZh)
    let example = ["0101000001", "张伟", "13800138001", "城关镇解放路12号", "QH-LC-S1", "居民", "220V", "城区"]
    return CSVTemplate.download([header, example], name: "roster-template.csv")
  }

  struct UploadForm: Content {
    var unitId: String?
    var file: File?
  }

  static func render(
    _ req: Request, result: RosterImportResult? = nil, lines: [ImportFailure.Line] = [], chosen: String? = nil,
    errors: FieldErrors = .init(), status: HTTPStatus = .ok
  ) async throws -> Response {
    let actor = try req.actor
    guard !RosterImport.allowedRoles.isDisjoint(with: actor.roles) else { throw AppError.forbidden }
    let units = try await OrgUnit.visible(to: actor, on: req.db)
    let counties = units.filter { $0.unitKind == .county }
    let names = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0.name) })
    let codes = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0.code) })
    let versions = try await RosterVersion.query(on: req.db).filter(\.$isCurrent == true)
      .filter(\.$unit.$id ~~ counties.compactMap(\.id)).all()
    let localizer = req.application.localizer
    let shown = lines.isEmpty ? (result?.problems ?? []).prefix(problemsShown).map(RosterImport.importLine) : lines
    let total = lines.isEmpty ? (result?.problems.count ?? 0) : lines.count
    let page = RostersPage(
      chrome: .make(for: req, titleKey: "roster.title"),
      rows: versions.sorted { codes[$0.$unit.id, default: ""] < codes[$1.$unit.id, default: ""] }.map { v in
        let q = RosterQuality(total: v.totalRows, valid: v.validRows, complete: v.completeRows)
        return .init(
          county: names[v.$unit.id] ?? "", version: v.version, fileName: v.fileName,
          importedAt: v.createdAt.map(DisplayFormat.dateTime) ?? "", importedBy: v.importedBy, total: v.totalRows,
          valid: v.validRows, validRate: DisplayFormat.percent(q.validListRate),
          completeness: DisplayFormat.percent(q.completenessRate), rejected: v.totalRows - v.validRows)
      },
      counties: counties.map { Choice(value: $0.id!.uuidString, label: $0.name, selected: $0.id!.uuidString == chosen) },
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
      hasProblems: !shown.isEmpty, moreProblems: max(0, total - shown.count), errors: errors.localized(localizer, req.locale))
    return try await req.page("surveys/rosters", page, status: status)
  }

  @Sendable static func show(req: Request) async throws -> Response { try await render(req) }

  @Sendable static func upload(req: Request) async throws -> Response {
    let form = try req.content.decode(UploadForm.self)
    let data = form.file.map { Data(buffer: $0.data) } ?? Data()
    do {
      let result = try await RosterImport.run(
        data, fileName: form.file?.filename ?? "", countyID: UUID(uuidString: form.unitId ?? ""), actor: try req.actor,
        on: req.db)
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
