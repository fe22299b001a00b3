import Crypto
import Domain
import Fluent
import Foundation
import Vapor

/// Saved analysis runs: who may run them, listing, loading and saving (with its audit record).
enum AnalysisRunService {
  /// Analysts run models; administrators may too. Everyone else is refused.
  static let allowedRoles: Set<Role> = [.analyst, .admin]

  static func authorise(_ actor: Actor) throws {
    guard !allowedRoles.isDisjoint(with: actor.roles) else { throw AppError.forbidden }
  }

  static func list(on db: any Database, limit: Int = 200) async throws -> [AnalysisRun] {
    try await AnalysisRun.query(on: db).sort(\.$createdAt, .descending).sort(\.$id).limit(limit).all()
  }

  static func find(_ id: UUID, on db: any Database) async throws -> AnalysisRun {
    guard let run = try await AnalysisRun.find(id, on: db) else { throw AppError.notFound("entity.analysis_run") }
    return run
  }

  /// SHA-256 of the input bytes, lower-case hex.
  static func sha256(_ bytes: some DataProtocol) -> String {
    SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
  }

  /// What a finished computation hands over to be saved.
  struct Result: Sendable {
    let kind: AnalysisKind
    let settings: JSONValue
    let inputHash: String
    let inputDescription: String
    let outputs: JSONValue
  }

  /// Saves the run and its audit record in one transaction. An empty title gets a default
  /// made of the kind and the input.
  static func save(_ result: Result, title: String?, actor: Actor, on db: any Database, now: Date) async throws -> AnalysisRun {
    var errors = FieldErrors()
    var name = (title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    if name.count > Limits.name { errors.add("title", "validation.too_long", String(Limits.name)) }
    try errors.throwIfAny()
    if name.isEmpty { name = "\(result.kind.rawValue.uppercased()) · \(result.inputDescription)" }
    let run = AnalysisRun(
      kind: result.kind, title: name, settings: try result.settings.render(), inputHash: result.inputHash,
      inputDescription: result.inputDescription, outputs: try result.outputs.render(), createdBy: actor.displayName,
      createdAt: now)
    try await db.transaction { tx in
      try await run.create(on: tx)
      try await AuditLog.record(
        .create, entity: "analysis_run", id: run.requireID().uuidString, actor: actor, before: NoSnapshot?.none,
        after: AuditSnapshot(run), on: tx, at: now)
    }
    return run
  }

  /// The audit record names the run and its input, not the (long) outputs.
  struct AuditSnapshot: Encodable {
    let kind: String
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
