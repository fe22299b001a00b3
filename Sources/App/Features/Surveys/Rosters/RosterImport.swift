import Domain
import Fluent
import Foundation
import Tabular

/// Where validated roster rows go: the database on import, nowhere on a preview.
protocol RosterSink {
  mutating func add(_ row: RosterRecord) async throws
}

extension RosterWriter: RosterSink {}

/// Only counts (the validator already counts); a preview keeps no rows.
struct RosterCounter: RosterSink {
  mutating func add(_ row: RosterRecord) async throws {}
}

/// What a roster import did: the new version and every line it refused.
struct RosterImportResult: Sendable {
  let versionID: UUID
  let version: Int
  let county: String
  let quality: RosterQuality
  let problems: [RosterProblem]
}

/// Imports a county company's customer roster (客户资料清单, SV-ROSTER-FORMAT) in the unified format
/// (docs/roster-format.md). Valid rows go in as one new version inside one transaction; every
/// refused row is reported by line and reason and kept with the version.
enum RosterImport {
  static let allowedRoles: Set<Role> = [.admin, .staff, .analyst]

  static func run(
    _ data: Data, fileName: String, countyID: UUID?, actor: Actor, on db: any Database, now: Date,
    progress: (@Sendable (Int, Int) -> Void)? = nil, batchSize: Int = 20_000
  ) async throws -> RosterImportResult {
    guard !allowedRoles.isDisjoint(with: actor.roles) else { throw AppError.forbidden }
    let county = try await OrgUnit.findVisible(countyID, for: actor, on: db)
    guard county.kind == .county else { throw AppError.invalid("unitId", "roster.error.not_county") }
    let file = try TabularImport.reader(data, batchSize: batchSize)
    let columns = try headerColumns(file.header)

    let units = try await OrgUnit.query(on: db).filter(\.$path =~ county.path).all()
    let unitIDs = Dictionary(try units.map { ($0.code, try $0.requireID()) }, uniquingKeysWith: { first, _ in first })
    let versionID = UUID()
    // The version row goes in first (its customers refer to it) and gets its figures at the end;
    // a file without any valid row throws inside the transaction, so nothing stays behind.
    let (version, quality, problems) = try await db.transaction { tx in
      let previous = try await RosterVersion.query(on: tx).filter(\.$unit.$id == county.requireID()).sort(\.$version, .descending).first()
      try await RosterVersion.query(on: tx).filter(\.$unit.$id == county.requireID()).set(\.$isCurrent, to: false).update()
      let row = RosterVersion()
      row.id = versionID
      row.$unit.id = try county.requireID()
      row.version = (previous?.version ?? 0) + 1
      row.isCurrent = true
      row.fileName = String(fileName.prefix(200))
      (row.totalRows, row.validRows, row.completeRows, row.rejectedJSON) = (0, 0, 0, "[]")
      row.importedBy = actor.username
      try await row.create(on: tx)
      var rows = file
      var writer = RosterWriter(
        versionID: versionID, unitIDs: unitIDs, on: tx, total: rows.estimatedRows, progress: progress)
      let (quality, problems): (RosterQuality, [RosterProblem])
      do {
        (quality, problems) = try await validate(rows: &rows, columns: columns, knownUnits: unitIDs, into: &writer)
        try await writer.finish()
      } catch {
        await writer.abandon()
        throw error
      }
      guard quality.valid > 0 else { throw noValidRows(problems) }
      (row.totalRows, row.validRows, row.completeRows) = (quality.total, quality.valid, quality.complete)
      row.rejectedJSON = try encodeProblems(problems)
      try await row.update(on: tx)
      try await AuditLog.record(
        .create, entity: .roster, id: versionID.uuidString, actor: actor, before: NoSnapshot?.none,
        after: AuditSummary(county: county.code, version: row.version, total: quality.total, valid: quality.valid), on: tx, at: now)
      return (row.version, quality, problems)
    }
    return RosterImportResult(versionID: versionID, version: version, county: county.name, quality: quality, problems: problems)
  }

  struct AuditSummary: Encodable {
    let county: String
    let version: Int
    let total: Int
    let valid: Int
  }

  /// The field of each header cell; a missing required column refuses the whole file.
  static func headerColumns(_ header: TabularRow) throws -> [RosterField?] {
    switch RosterValidator.columns(fromHeader: header.fields) {
    case .success(let found): return found
    case .failure(let problem):
      var error = AppError.invalid("file", "roster.error.header", problem.field?.rawValue ?? "")
      error.lines = [importLine(problem)]
      throw error
    }
  }

  /// What a file would import into a county, without writing anything: the figures shown before
  /// a current roster is replaced.
  static func preview(_ data: Data, countyID: UUID?, actor: Actor, on db: any Database) async throws -> RosterQuality {
    guard !allowedRoles.isDisjoint(with: actor.roles) else { throw AppError.forbidden }
    let county = try await OrgUnit.findVisible(countyID, for: actor, on: db)
    guard county.kind == .county else { throw AppError.invalid("unitId", "roster.error.not_county") }
    var rows = try TabularImport.reader(data)
    let columns = try headerColumns(rows.header)
    let units = try await OrgUnit.query(on: db).filter(\.$path =~ county.path).all()
    let unitIDs = Dictionary(try units.map { ($0.code, try $0.requireID()) }, uniquingKeysWith: { first, _ in first })
    var counter = RosterCounter()
    let (quality, problems) = try await validate(rows: &rows, columns: columns, knownUnits: unitIDs, into: &counter)
    guard quality.valid > 0 else { throw noValidRows(problems) }
    return quality
  }

  static func noValidRows(_ problems: [RosterProblem]) -> AppError {
    var error = AppError.invalid("file", "roster.error.no_valid_rows")
    error.lines = problems.prefix(1000).map(importLine)
    return error
  }

  /// Validates every data row in file order, handing accepted rows to the sink as it goes.
  static func validate<Sink: RosterSink>(
    rows: inout TabularReader, columns: [RosterField?], knownUnits: [String: UUID], into writer: inout Sink
  ) async throws -> (RosterQuality, [RosterProblem]) {
    var validator = RosterValidator(knownUnitCodes: Set(knownUnits.keys), expectedRows: min(rows.estimatedRows, 2_000_000))
    var problems: [RosterProblem] = []
    var total = 0, valid = 0, complete = 0
    var cells = [String?](repeating: nil, count: RosterField.allCases.count)
    while let batch = try await TabularImport.next(&rows) {
      total += batch.count
      for record in batch {
        for (index, column) in columns.enumerated() {
          if let column { cells[column.ordinal] = index < record.fields.count ? record.fields[index] : nil }
        }
        switch validator.validate(line: record.line, cells: cells) {
        case .success(let row):
          valid += 1
          if row.isComplete { complete += 1 }
          try await writer.add(row)
        case .failure(let found): problems += found
        }
      }
    }
    return (RosterQuality(total: total, valid: valid, complete: complete), problems)
  }

  struct StoredProblem: Codable {
    let line: Int
    let field: String?
    let reason: String
  }

  static func encodeProblems(_ problems: [RosterProblem]) throws -> String {
    let stored = problems.map { StoredProblem(line: $0.line, field: $0.field?.rawValue, reason: $0.reason.rawValue) }
    return try JSONCoding.encode(stored)
  }

  static func importLine(_ problem: RosterProblem) -> ImportFailure.Line {
    .init(
      line: problem.line, field: problem.field?.rawValue ?? "file", key: "roster.problem.\(problem.reason.rawValue)",
      args: [problem.field.map { "roster.field.\($0.rawValue)" } ?? ""])
  }
}
