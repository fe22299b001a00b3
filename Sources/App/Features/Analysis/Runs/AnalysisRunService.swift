import Crypto
import Domain
import Fluent
import Foundation
import Vapor

/// The part of the organisation a run reads and is shown to: a unit and its subtree. An
/// analyst's scope is their own unit; an administrator's the root above theirs.
struct AnalysisScope: Sendable {
  let unitID: UUID
  /// The unit and every unit below it.
  let unitIDs: [UUID]

  static func of(_ actor: Actor, on db: any Database) async throws -> AnalysisScope {
    let root = actor.unitPath.ancestorIDs.first
    let id = actor.isAdmin ? root ?? actor.unitID : actor.unitID
    guard let unit = try await OrgUnit.find(id, on: db) else { throw AppError.forbidden }
    let units = try await OrgUnit.query(on: db).filter(\.$path =~ unit.path).all()
    return AnalysisScope(unitID: id, unitIDs: units.compactMap(\.id))
  }
}

/// Saved analysis runs: who may run them, listing, loading and saving (with its audit record).
enum AnalysisRunService {
  /// Analysts run models; administrators may too. Everyone else is refused.
  static let allowedRoles: Set<Role> = [.analyst, .admin]

  static func authorise(_ actor: Actor) throws {
    guard !allowedRoles.isDisjoint(with: actor.roles) else { throw AppError.forbidden }
  }

  /// The runs an actor may see, newest first: those whose scope lies in the actor's subtree.
  static func list(for actor: Actor, on db: any Database, limit: Int = 200) async throws -> [AnalysisRun] {
    let query = AnalysisRun.query(on: db)
    if !actor.isAdmin {
      let units = try await OrgUnit.visible(to: actor, on: db).compactMap(\.id)
      query.filter(\.$scopeUnit.$id ~~ units)
    }
    return try await query.sort(\.$createdAt, .descending).sort(\.$id).limit(limit).all()
  }

  /// One run, refused with 404 when missing and 403 when its scope is outside the actor's subtree.
  static func find(_ id: UUID, for actor: Actor, on db: any Database) async throws -> AnalysisRun {
    guard let run = try await AnalysisRun.query(on: db).filter(\.$id == id).with(\.$scopeUnit).first() else {
      throw AppError.notFound("entity.analysis_run")
    }
    try actor.requireVisible(run.scopeUnit.unitPath)
    return run
  }

  /// SHA-256 of the input bytes, lower-case hex.
  static func sha256(_ bytes: some DataProtocol) -> String {
    SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
  }

  /// What a finished computation hands over to be saved.
  struct Result: Sendable {
    let content: AnalysisRunContent
    let inputHash: String
    let inputDescription: String

    var kind: AnalysisKind { content.kind }
  }

  /// Saves the run and its audit record in one transaction. An empty title gets a default
  /// made of the kind and the input.
  static func save(
    _ result: Result, title: String?, scope: AnalysisScope, actor: Actor, on db: any Database, now: Date
  ) async throws -> AnalysisRun {
    var errors = FieldErrors()
    var name = (title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    if !(title ?? "").fits(Limits.name) { errors.add("title", "validation.too_long", String(Limits.name)) }
    try errors.throwIfAny()
    if name.isEmpty { name = "\(result.kind.rawValue.uppercased()) · \(result.inputDescription)" }
    let run = AnalysisRun(
      kind: result.kind, title: name, settings: try result.content.settingsText(), inputHash: result.inputHash,
      inputDescription: result.inputDescription, outputs: try result.content.outputsText(), createdBy: actor.displayName,
      createdAt: now, scopeUnitID: scope.unitID)
    try await db.transaction { tx in
      try await run.create(on: tx)
      try await AuditLog.record(
        .create, entity: .analysisRun, id: run.requireID().uuidString, actor: actor, before: NoSnapshot?.none,
        after: AuditSnapshot(run), on: tx, at: now)
    }
    return run
  }

  /// The audit record names the run and its input, not the (long) outputs.
  struct AuditSnapshot: Encodable {
    let kind: AnalysisKind
    let title: String
    let inputHash: String
    let inputDescription: String
    let softwareVersion: String

    init(_ run: AnalysisRun) {
      kind = run.kind
      title = run.title
      inputHash = run.inputHash
      inputDescription = run.inputDescription
      softwareVersion = run.softwareVersion
    }
  }

  /// Estimation is CPU work: it runs on the thread pool, not on an event loop.
  static func compute<T: Sendable>(_ app: Application, _ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await app.threadPool.runIfActive(work)
  }
}
