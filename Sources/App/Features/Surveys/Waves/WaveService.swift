import Domain
import Fluent
import Foundation
import Vapor

/// Creating and running survey waves: plan, milestones, targets, fieldwork open or closed.
enum WaveService {
  /// The satisfaction office (staff), analysts and admins run waves.
  static let managerRoles: Set<Role> = [.admin, .staff, .analyst]

  static func requireManager(_ actor: Actor) throws {
    guard !managerRoles.isDisjoint(with: actor.roles) else { throw AppError.forbidden }
  }

  /// A new wave as the form or the API sends it (strings, so a bad value is named, not a 400).
  struct Input: Content {
    var code: String?
    var name: String?
    var year: String?
    var questionnaire: String?
    var sampleCount: String?
    var samplePercent: String?
    var allocation: String?
    var seed: String?
    var attemptLimit: String?
    var reservePercent: String?
    var excludeMonths: String?
    var excludeOpenComplaints: String?
  }

  static let questionnaires: [String: Questionnaire] = [
    "standard": .standard, "standard_servqual": .standardWithServqual,
  ]

  static func create(_ input: Input, actor: Actor, on db: any Database, now: Date, seedSource: () -> UInt64) async throws -> SurveyWave {
    try requireManager(actor)
    var errors = FieldErrors()
    let code = Validate.identifier(input.code, field: "code", max: Limits.code, into: &errors)
    let name = Validate.text(input.name, field: "name", max: Limits.name, into: &errors)
    let year = Int(input.year ?? "") ?? 0
    if !(2000...2100).contains(year) { errors.add("year", "validation.integer") }
    let questionnaire = questionnaires[input.questionnaire ?? "standard"]
    if questionnaire == nil { errors.add("questionnaire", "validation.choice") }
    let plan = SamplingPlanInput.parse(input, seedSource: seedSource, into: &errors)
    // Blank keeps the default; anything else must be a number in range, never silently the default.
    let attemptText = (input.attemptLimit ?? "").trimmingCharacters(in: .whitespaces)
    let attemptLimit = attemptText.isEmpty ? FieldworkRules.default.attemptLimit : Int(attemptText) ?? 0
    if !(1...10).contains(attemptLimit) { errors.add("attemptLimit", "survey.error.attempts") }
    if errors.isEmpty, try await SurveyWave.query(on: db).filter(\.$code == code).count() > 0 {
      errors.add("code", "survey.error.code_taken")
    }
    if !errors.isEmpty { throw ValidationFailure(errors: errors) }

    guard let plan, let questionnaire else { throw ValidationFailure(errors: errors) }
    let wave = SurveyWave()
    wave.version = 1
    wave.code = code
    wave.name = name
    wave.year = year
    wave.isOpen = false
    wave.attemptLimit = attemptLimit
    wave.questionnaireJSON = try json(questionnaire)
    wave.planJSON = try json(plan)
    wave.milestonesJSON = try json(SurveyPlan.defaultMilestones(year: year))
    wave.completionsJSON = "{}"
    try await db.transaction { tx in
      try await wave.create(on: tx)
      try await AuditLog.record(
        .create, entity: .surveyWave, id: wave.requireID().uuidString, actor: actor, before: NoSnapshot?.none,
        after: ["code": code, "name": name, "year": String(year), "seed": String(plan.seed)], on: tx, at: now)
    }
    return wave
  }

  static func find(_ id: UUID?, on db: any Database) async throws -> SurveyWave {
    guard let id, let wave = try await SurveyWave.find(id, on: db) else { throw AppError.notFound("entity.survey_wave") }
    return wave
  }

  static func list(on db: any Database) async throws -> [SurveyWave] {
    try await SurveyWave.query(on: db).sort(\.$year, .descending).sort(\.$code).all()
  }

  /// Opens or closes fieldwork; a stale version is refused.
  static func setOpen(_ open: Bool, wave: SurveyWave, expectedVersion: Int, actor: Actor, on db: any Database, now: Date) async throws {
    try requireManager(actor)
    let before = wave.isOpen
    try await db.transaction { tx in
      try await claimVersion(wave, expected: expectedVersion, on: tx)
      wave.isOpen = open
      try await wave.save(on: tx)
      try await AuditLog.record(
        .update, entity: .surveyWave, id: wave.requireID().uuidString, actor: actor, before: ["is_open": before],
        after: ["is_open": open], on: tx, at: now)
    }
  }

  /// Moves a milestone's due date or records it done for the whole wave.
  static func updateMilestone(
    _ kind: MilestoneKind, due: String?, completedOn: String?, wave: SurveyWave, expectedVersion: Int, actor: Actor,
    on db: any Database, now: Date
  ) async throws {
    try requireManager(actor)
    var milestones = try wave.milestones
    var completions = wave.completions
    let before = [
      "milestone": kind.rawValue, "due": milestones.first { $0.kind == kind }?.due.description ?? "",
      "completedOn": completions[kind.rawValue] ?? "",
    ]
    if let due, !due.isEmpty {
      var errors = FieldErrors()
      guard let date = DateField.date(due, field: "due", into: &errors) else { throw ValidationFailure(errors: errors) }
      if let index = milestones.firstIndex(where: { $0.kind == kind }) { milestones[index].due = date }
    }
    if let completedOn {
      if completedOn.isEmpty {
        completions[kind.rawValue] = nil
      } else {
        var errors = FieldErrors()
        guard let date = DateField.date(completedOn, field: "completedOn", into: &errors) else { throw ValidationFailure(errors: errors) }
        completions[kind.rawValue] = date.description
      }
    }
    let milestonesJSON = try json(milestones)
    let completionsJSON = try json(completions)
    let after = [
      "milestone": kind.rawValue, "due": milestones.first { $0.kind == kind }?.due.description ?? "",
      "completedOn": completions[kind.rawValue] ?? "",
    ]
    try await db.transaction { tx in
      try await claimVersion(wave, expected: expectedVersion, on: tx)
      wave.milestonesJSON = milestonesJSON
      wave.completionsJSON = completionsJSON
      try await wave.save(on: tx)
      try await AuditLog.record(
        .update, entity: .surveyWave, id: wave.requireID().uuidString, actor: actor, before: before,
        after: after, on: tx, at: now)
    }
  }

  /// Sets a unit's assessment and stretch targets for the wave (SV-TARGETS: e.g. 76 / 78).
  static func setTarget(
    unitID: UUID?, assessment: String?, stretch: String?, wave: SurveyWave, actor: Actor, on db: any Database, now: Date
  ) async throws {
    try requireManager(actor)
    let unit = try await OrgUnit.findVisible(unitID, for: actor, on: db)
    var errors = FieldErrors()
    let a = Double(assessment ?? "").flatMap { (0...100).contains($0) ? $0 : nil }
    let s = Double(stretch ?? "").flatMap { (0...100).contains($0) ? $0 : nil }
    if a == nil { errors.add("assessment", "survey.error.score") }
    if s == nil { errors.add("stretch", "survey.error.score") }
    guard let a, let s else { throw ValidationFailure(errors: errors) }
    let existing = try await SurveyTarget.query(on: db).filter(\.$wave.$id == wave.requireID()).filter(\.$unit.$id == unit.requireID())
      .first()
    let row = try existing ?? SurveyTarget(waveID: wave.requireID(), unitID: unit.requireID(), target: .init(assessment: a, stretch: s))
    let before = existing.map { ["assessment": $0.assessment, "stretch": $0.stretch] }
    row.assessment = a
    row.stretch = s
    try await db.transaction { tx in
      try await row.save(on: tx)
      try await AuditLog.record(
        existing == nil ? .create : .update, entity: .surveyTarget, id: row.requireID().uuidString, actor: actor, before: before,
        after: ["assessment": a, "stretch": s], on: tx, at: now)
    }
  }

  /// Claims the version the writer read (`OptimisticLock`) and moves the model to the next one;
  /// a stale version is a 409 naming `version`.
  static func claimVersion(_ wave: SurveyWave, expected: Int, on db: any Database) async throws {
    try await OptimisticLock.claim(
      SurveyWave.schema, id: wave.requireID(), expected: expected, on: db, stale: AppError.conflict("version", "survey.error.stale"))
    wave.version = expected + 1
  }

  static func json<T: Encodable>(_ value: T) throws -> String {
    try JSONCoding.encode(value)
  }
}
