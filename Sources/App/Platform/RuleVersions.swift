import Domain
import Fluent
import Foundation

/// A rule document as it is stored: the table of its versions and what the audit log calls it.
/// Each feature declares its documents in its own folder (rule ORG-RULE-VERSIONS).
protocol StoredRuleDocument: RuleDocument {
  static var versionsTable: String { get }
  static var auditEntity: AuditEntity { get }
  /// The message for a field `problem()` names; `{0}` is the field's path.
  static var problemMessageKey: String { get }
}

extension StoredRuleDocument {
  static var problemMessageKey: String { "rules.error.field" }
}

/// One stored version of a rule document: the document as JSON; what is looked up by (number,
/// effective day) has columns. Every document has a table of its own with these columns.
final class RuleVersionRecord<Rules: StoredRuleDocument>: Model, @unchecked Sendable {
  static var schema: String { Rules.versionsTable }

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Field(key: "created_at") var createdAt: Date

  // MARK: fields
  @Field(key: "number") var number: Int
  /// "YYYY-MM-DD", Beijing civil date.
  @Field(key: "effective_from") var effectiveFrom: String
  /// The document as JSON.
  @Field(key: "rules") var rulesJSON: String
  /// nil for the version a migration seeded.
  @OptionalField(key: "created_by") var createdBy: UUID?

  init() {}

  init(_ version: RuleVersion<Rules>, createdBy: UUID?, at time: Date) throws {
    number = version.number
    effectiveFrom = version.effectiveFrom.description
    rulesJSON = try JSONCoding.encode(version.rules)
    self.createdBy = createdBy
    createdAt = time
  }

  /// The Domain value; a stored value that does not read back is an error naming the table.
  func domain() throws -> RuleVersion<Rules> {
    guard let day = CivilDate(iso: effectiveFrom) else {
      throw UnknownStoredValue(table: Self.schema, column: "effective_from", value: effectiveFrom)
    }
    let rules: Rules
    do {
      rules = try JSONCoding.decode(Rules.self, rulesJSON)
    } catch {
      throw UnknownStoredValue(table: Self.schema, column: "rules", value: "version \(number): \(error)")
    }
    return RuleVersion(number: number, effectiveFrom: day, rules: rules)
  }
}

/// Reading and versioning a rule document (rule ORG-RULE-VERSIONS): numbered versions, each
/// taking effect on a day of its own, never before today; version 1 holds the documented
/// defaults from 2000-01-01, so every day has a version.
enum RuleVersions<Rules: StoredRuleDocument> {
  typealias Record = RuleVersionRecord<Rules>

  /// The first day of the seeded version 1.
  static var firstDay: CivilDate { CivilDate(year: 2000, month: 1, day: 1) ?? CivilDate(dayNumber: 10_957) }

  /// Every version, oldest first.
  static func versions(on db: any Database) async throws -> [RuleVersion<Rules>] {
    try await Record.query(on: db).sort(\.$number).all().map { try $0.domain() }
  }

  /// The version with this number.
  static func version(_ number: Int, on db: any Database) async throws -> RuleVersion<Rules>? {
    try await Record.query(on: db).filter(\.$number == number).first()?.domain()
  }

  /// The rules in force on a Beijing civil day; the documented defaults if no version is (the
  /// seeded version 1 starts in 2000).
  static func inForce(on day: CivilDate, db: any Database, default fallback: Rules) async throws -> Rules {
    RuleVersion.inForce(on: day, among: try await versions(on: db))?.rules ?? fallback
  }

  /// Saves a new version (administrators only): checked whole before anything is stored.
  static func create(
    effectiveFrom raw: String, rules: Rules, actor: Actor, on db: any Database, now: Date
  ) async throws -> RuleVersion<Rules> {
    try actor.require(.admin)
    guard let day = CivilDate(iso: raw) else { throw AppError.invalid("effectiveFrom", "rules.error.date") }
    if let field = rules.problem() { throw AppError.invalid("rules." + field, Rules.problemMessageKey, field) }
    return try await db.transaction { tx in
      let existing = try await versions(on: tx)
      if RuleVersion.scheduleProblem(effectiveFrom: day, today: BusinessTime.civilDate(of: now), existing: existing) != nil {
        throw AppError.invalid("effectiveFrom", "rules.error.effective_from")
      }
      let version = RuleVersion(number: (existing.map(\.number).max() ?? 0) + 1, effectiveFrom: day, rules: rules)
      try await Record(version, createdBy: actor.userID, at: now).create(on: tx)
      try await AuditLog.record(
        .create, entity: Rules.auditEntity, id: String(version.number), actor: actor, before: NoSnapshot?.none,
        after: ["number": String(version.number), "effectiveFrom": version.effectiveFrom.description], on: tx, at: now)
      return version
    }
  }

  // MARK: migrations

  /// The table of the versions.
  static func createTable(on db: any Database) async throws {
    try await db.schema(Record.schema)
      .id()
      .field("created_at", .datetime, .required)
      .field("number", .int, .required)
      .field("effective_from", .string, .required)
      .field("rules", .string, .required)
      .field("created_by", .uuid)
      .unique(on: "number")
      .unique(on: "effective_from")
      .create()
  }

  static func dropTable(on db: any Database) async throws { try await db.schema(Record.schema).delete() }

  /// A version a migration ships: by default version 1, the documented defaults from `firstDay`.
  static func seed(_ rules: Rules, number: Int = 1, from day: CivilDate? = nil, on db: any Database, now: Date) async throws {
    let version = RuleVersion(number: number, effectiveFrom: day ?? firstDay, rules: rules)
    try await Record(version, createdBy: nil, at: now).create(on: db)
  }

  /// Removes the versions the migrations shipped (those nobody saved).
  static func unseed(on db: any Database) async throws { try await Record.query(on: db).filter(\.$createdBy == nil).delete() }
}
