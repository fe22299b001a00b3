import Domain
import Fluent
import Foundation
import SQLKit

/// What a roster import did: the new version and every line it refused.
struct RosterImportResult: Sendable {
  let versionID: UUID
  let version: Int
  let county: String
  let quality: RosterQuality
  let problems: [RosterProblem]
}

/// Imports a county company's customer roster (客户资料清单, DOMAIN.md §4) in the unified format
/// (docs/roster-format.md). Valid rows go in as one new version inside one transaction; every
/// refused row is reported by line and reason and kept with the version.
enum RosterImport {
  static let allowedRoles: Set<Role> = [.admin, .staff, .analyst]
  static let batchSize = 500

  static func run(
    _ data: Data, fileName: String, countyID: UUID?, actor: Actor, on db: any Database,
    progress: (@Sendable (Int, Int) -> Void)? = nil
  ) async throws -> RosterImportResult {
    guard !allowedRoles.isDisjoint(with: actor.roles) else { throw AppError.forbidden }
    let county = try await OrgUnit.findVisible(countyID, for: actor, on: db)
    guard county.unitKind == .county else { throw AppError.invalid("unitId", "roster.error.not_county") }
    let records = try TabularFile.records(data)
    guard let header = records.first else { throw AppError.invalid("file", "import.error.empty") }

    let units = try await OrgUnit.query(on: db).filter(\.$path =~ county.path).all()
    let unitIDs = Dictionary(units.map { ($0.code, $0.id!) }, uniquingKeysWith: { first, _ in first })
    let (accepted, problems) = try validate(records: records, header: header, knownUnits: unitIDs)
    let quality = RosterQuality(
      total: records.count - 1, valid: accepted.count, complete: accepted.filter(\.isComplete).count)
    guard !accepted.isEmpty else {
      var error = AppError.invalid("file", "roster.error.no_valid_rows")
      error.lines = problems.prefix(1000).map(importLine)
      throw error
    }

    let versionID = UUID()
    let version = try await db.transaction { tx in
      let previous = try await RosterVersion.query(on: tx).filter(\.$unit.$id == county.id!).sort(\.$version, .descending).first()
      try await RosterVersion.query(on: tx).filter(\.$unit.$id == county.id!).set(\.$isCurrent, to: false).update()
      let row = RosterVersion()
      row.id = versionID
      row.$unit.id = county.id!
      row.version = (previous?.version ?? 0) + 1
      row.isCurrent = true
      row.fileName = String(fileName.prefix(200))
      row.totalRows = quality.total
      row.validRows = quality.valid
      row.completeRows = quality.complete
      row.rejectedJSON = try encodeProblems(problems)
      row.importedBy = actor.username
      try await row.create(on: tx)
      try await insert(accepted, versionID: versionID, countyID: county.id!, unitIDs: unitIDs, on: tx, progress: progress)
      try await AuditLog.record(
        .create, entity: "roster", id: versionID.uuidString, actor: actor, before: NoSnapshot?.none,
        after: AuditSummary(county: county.code, version: row.version, total: quality.total, valid: quality.valid), on: tx)
      return row.version
    }
    return RosterImportResult(versionID: versionID, version: version, county: county.name, quality: quality, problems: problems)
  }

  struct AuditSummary: Encodable {
    let county: String
    let version: Int
    let total: Int
    let valid: Int
  }

  static func validate(
    records: [CSVRecords.Record], header: CSVRecords.Record, knownUnits: [String: UUID]
  ) throws -> ([RosterRecord], [RosterProblem]) {
    let columns: [RosterField?]
    switch RosterValidator.columns(fromHeader: header.fields) {
    case .success(let found): columns = found
    case .failure(let problem):
      var error = AppError.invalid("file", "roster.error.header", problem.field?.rawValue ?? "")
      error.lines = [importLine(problem)]
      throw error
    }
    var validator = RosterValidator(knownUnitCodes: Set(knownUnits.keys))
    var accepted: [RosterRecord] = []
    var problems: [RosterProblem] = []
    accepted.reserveCapacity(records.count)
    for record in records.dropFirst() {
      var values: [RosterField: String] = [:]
      for (index, column) in columns.enumerated() {
        if let column, index < record.fields.count { values[column] = record.fields[index] }
      }
      switch validator.validate(line: record.line, values: values) {
      case .success(let row): accepted.append(row)
      case .failure(let found): problems += found
      }
    }
    return (accepted, problems)
  }

  static func insert(
    _ rows: [RosterRecord], versionID: UUID, countyID: UUID, unitIDs: [String: UUID], on db: any Database,
    progress: (@Sendable (Int, Int) -> Void)?
  ) async throws {
    guard let sql = db as? any SQLDatabase else { return }
    let columns = [
      "roster_version_id", "county_id", "unit_id", "account", "name", "phone", "address", "segment", "voltage_class",
      "area_class", "is_complete",
    ]
    var done = 0
    for start in stride(from: 0, to: rows.count, by: batchSize) {
      let batch = rows[start..<min(start + batchSize, rows.count)]
      var insert = sql.insert(into: RosterCustomer.schema).columns(columns)
      for row in batch {
        insert = insert.values([
          SQLBind(versionID), SQLBind(countyID), SQLBind(unitIDs[row.unitCode]!), SQLBind(row.account), SQLBind(row.name),
          SQLBind(row.phone), SQLBind(row.address), SQLBind(row.segment.rawValue), SQLBind(row.voltageClass?.rawValue),
          SQLBind(row.areaClass?.rawValue), SQLBind(row.isComplete),
        ])
      }
      try await insert.run()
      done += batch.count
      progress?(done, rows.count)
    }
  }

  struct StoredProblem: Codable {
    let line: Int
    let field: String?
    let reason: String
  }

  static func encodeProblems(_ problems: [RosterProblem]) throws -> String {
    let stored = problems.map { StoredProblem(line: $0.line, field: $0.field?.rawValue, reason: $0.reason.rawValue) }
    return String(decoding: try JSONEncoder().encode(stored), as: UTF8.self)
  }

  static func importLine(_ problem: RosterProblem) -> ImportFailure.Line {
    .init(
      line: problem.line, field: problem.field?.rawValue ?? "file", key: "roster.problem.\(problem.reason.rawValue)",
      args: [problem.field.map { "roster.field.\($0.rawValue)" } ?? ""])
  }
}
