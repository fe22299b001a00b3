import Domain
import Fluent
import Foundation

/// Connection applications (rules COM-APPLICATION, COM-ACCEPTANCE-LEVEL, COM-PAUSE): taking one in,
/// recording its stages and the customer's waits, and reading its commitment clocks.
enum ConnectionApplications {
  /// Who keeps applications: the units' staff and handlers and their leads (COM-APPLICATION).
  static let keepers: Set<Role> = [.staff, .handler, .lead]
  static let reasonLimit = 500

  static func canKeep(_ actor: Actor) -> Bool { actor.isAdmin || !actor.roles.isDisjoint(with: keepers) }

  struct Input: Sendable {
    var kind: String?
    var customerAccount: String?
    var customerName: String?
    var customerPhone: String?
    var connectionClass: String?
    var voltage: String?
    var capacityKw: String?
    var unitID: String?
    var acceptedAt: String?
    /// The marketing system's id of an imported application (COM-IMPORT).
    var externalID: String? = nil
  }

  /// A new application, accepted at `acceptedAt` (default now): checked whole, then stored with
  /// its acceptance stage, the level that accepts it and the commitment version in force that day.
  static func create(
    _ input: Input, actor: Actor, localizer: Localizer, on db: any Database, now: Date
  ) async throws -> ConnectionApplication {
    guard canKeep(actor) else { throw AppError.forbidden }
    var errors = FieldErrors()
    let kind = ApplicationKind(rawValue: input.kind ?? "")
    if kind == nil { errors.add("kind", "validation.choice") }
    let account = Validate.text(input.customerAccount, field: "customerAccount", max: 40, into: &errors)
    let name = Validate.text(input.customerName, field: "customerName", max: 100, into: &errors)
    let phoneText = (input.customerPhone ?? "").trimmingCharacters(in: .whitespaces)
    let phone = phoneText.isEmpty ? nil : Validate.phone(phoneText, field: "customerPhone", into: &errors)
    let connectionClass = ConnectionClass(rawValue: input.connectionClass ?? "")
    if connectionClass == nil { errors.add("connectionClass", "validation.choice") }
    let voltage = VoltageClass(rawValue: input.voltage ?? "")
    if voltage == nil { errors.add("voltage", "validation.choice") }
    let capacity = Double((input.capacityKw ?? "").trimmingCharacters(in: .whitespaces))
    if capacity == nil { errors.add("capacityKw", "commitments.error.capacity") }
    if let connectionClass, let voltage, let capacity,
      let problem = ConnectionApplicationCheck.check(connectionClass: connectionClass, voltage: voltage, capacityKW: capacity)
    {
      errors.add(problem.field, problem.key)
    }
    let unitID = Validate.uuid(input.unitID, field: "unitId", into: &errors)
    if (input.unitID ?? "").isEmpty { errors.add("unitId", "validation.required") }
    let accepted = DateField.optionalInstant(input.acceptedAt, field: "acceptedAt", into: &errors) ?? now
    if accepted > now.addingTimeInterval(300) { errors.add("acceptedAt", "commitments.error.future") }
    var unit: OrgUnit?
    if let unitID {
      unit = try await OrgUnit.query(on: db).filter(\.$id == unitID).first()
      if let found = unit, !actor.canSee(found.unitPath) { unit = nil }
      if unit == nil { errors.add("unitId", "validation.unknown_reference") }
    }
    try errors.throwIfAny()
    guard let kind, let connectionClass, let voltage, let capacity, let unit else { throw ValidationFailure(errors: errors) }
    let day = BusinessTime.civilDate(of: accepted)
    let versions = try await RuleVersions<CommitmentRules>.versions(on: db)
    let version = RuleVersion.inForce(on: day, among: versions) ?? versions.last
    let application = ConnectionApplication()
    application.id = UUID()
    application.version = 1
    application.createdAt = now
    application.kind = kind
    application.customerAccount = account
    application.customerName = name
    application.customerPhone = phone
    application.connectionClass = connectionClass
    application.voltage = voltage
    application.capacityKW = capacity
    application.acceptanceLevel = (version?.rules ?? .current).acceptanceLevel(capacityKW: capacity)
    application.ruleVersion = version?.number ?? 0
    application.createdBy = actor.displayName
    application.externalID = input.externalID
    application.$unit.id = try unit.requireID()
    try await db.transaction { tx in
      application.number = try await nextNumber(day: day, on: tx)
      try await application.create(on: tx)
      let stage = ConnectionStageRecord()
      stage.applicationID = try application.requireID()
      stage.stage = .acceptance
      stage.startedAt = accepted
      stage.finishedAt = accepted
      stage.recordedBy = actor.displayName
      stage.recordedAt = now
      try await stage.create(on: tx)
      try await tellCustomer(application, stage: .acceptance, finished: accepted, localizer: localizer, on: tx, now: now)
      try await AuditLog.record(
        .create, entity: .connectionApplication, id: try application.requireID().uuidString, actor: actor, before: NoSnapshot?.none,
        after: ["number": application.number, "capacityKw": String(format: "%g", capacity)], on: tx, at: now)
    }
    return application
  }

  /// `YK` and the Beijing day, then the day's serial: YK20260302-0001.
  static func nextNumber(day: CivilDate, on db: any Database) async throws -> String {
    let prefix = "YK" + day.description.replacingOccurrences(of: "-", with: "") + "-"
    let taken = try await ConnectionApplication.query(on: db).filter(\.$number >= prefix + "0000").filter(\.$number <= prefix + "9999")
      .count()
    return prefix + String(format: "%04d", taken + 1)
  }

  /// The application if the actor may see it; otherwise not found.
  static func findVisible(_ id: UUID, for actor: Actor, on db: any Database) async throws -> ConnectionApplication {
    guard let application = try await ConnectionApplication.query(on: db).filter(\.$id == id).with(\.$unit).first(),
      actor.canSee(application.unit.unitPath)
    else { throw AppError.notFound("entity.connection_application") }
    return application
  }

  static func stale() -> AppError {
    AppError(.conflict, code: .staleVersion, key: "commitments.error.stale", field: "version")
  }

  /// Records a stage's start and finish (either may be left as it was), claiming the version.
  static func recordStage(
    _ application: ConnectionApplication, stage raw: String?, startedAt: String?, finishedAt: String?, version: Int?, actor: Actor,
    localizer: Localizer, on db: any Database, now: Date
  ) async throws {
    guard canKeep(actor) else { throw AppError.forbidden }
    guard let expected = version else { throw AppError.invalid("version", "validation.required") }
    // Compared before the claim, so that no posted number reaches its arithmetic.
    guard expected == application.version else { throw stale() }
    var errors = FieldErrors()
    let stage = CommitmentStage(rawValue: raw ?? "")
    if stage == nil || stage == .acceptance || !CommitmentStage.connection.contains(stage ?? .acceptance) {
      errors.add("stage", "validation.choice")
    }
    let start = DateField.optionalInstant(startedAt, field: "startedAt", into: &errors)
    let finish = DateField.optionalInstant(finishedAt, field: "finishedAt", into: &errors)
    if start == nil, finish == nil, errors.isEmpty { errors.add("startedAt", "validation.required") }
    try errors.throwIfAny()
    guard let stage else { throw ValidationFailure(errors: errors) }
    let id = try application.requireID()
    let stages = try await ConnectionStageRecord.query(on: db).filter(\.$applicationID == id).all()
    let existing = stages.first { $0.stage == stage }
    let accepted = stages.first { $0.stage == .acceptance }?.finishedAt
    let newStart = start ?? existing?.startedAt
    let newFinish = finish ?? existing?.finishedAt
    if let problem = ConnectionApplicationCheck.check(stage: stage, start: newStart, finish: newFinish, accepted: accepted, now: now) {
      throw AppError.invalid(problem.field, problem.key)
    }
    try await db.transaction { tx in
      try await OptimisticLock.claim(ConnectionApplication.schema, id: id, expected: expected, on: tx, stale: stale())
      let row = existing ?? ConnectionStageRecord()
      row.applicationID = id
      row.stage = stage
      row.startedAt = newStart
      row.finishedAt = newFinish
      row.recordedBy = actor.displayName
      row.recordedAt = now
      try await row.save(on: tx)
      if existing?.finishedAt == nil, let newFinish {
        try await tellCustomer(application, stage: stage, finished: newFinish, localizer: localizer, on: tx, now: now)
      }
      try await AuditLog.record(
        .update, entity: .connectionApplication, id: id.uuidString, actor: actor, before: NoSnapshot?.none,
        after: [
          "stage": stage.rawValue, "startedAt": newStart.map(BusinessTime.iso8601) ?? "",
          "finishedAt": newFinish.map(BusinessTime.iso8601) ?? "",
        ],
        on: tx, at: now)
    }
  }

  /// COM-SMS: how recent a finished step must be for the customer to be told of it (a backlog
  /// recorded or imported late is not news).
  static let newsWindow: TimeInterval = 86_400

  /// COM-SMS: the customer with a phone hears by SMS, through the outbox, that a step finished.
  static func tellCustomer(
    _ application: ConnectionApplication, stage: CommitmentStage, finished: Date, localizer: Localizer, on db: any Database, now: Date
  ) async throws {
    guard let phone = application.customerPhone, now.timeIntervalSince(finished) <= newsWindow else { return }
    // SMS go to customers in Chinese, whatever the language of the person recording.
    let stageName = localizer.text("commitments.stage.\(stage.rawValue)", locale: Localizer.defaultLocale)
    let body = localizer.text(
      "commitments.sms.step", locale: Localizer.defaultLocale, args: [application.customerAccount, application.number, stageName])
    try await Notifications.queueSMS(to: phone, body: body, at: now, on: db)
  }

  /// COM-PAUSE: a wait begins (with its reason) or the open one ends, claiming the version.
  static func wait(
    _ application: ConnectionApplication, reason: String?, at: String?, version: Int?, actor: Actor, on db: any Database, now: Date
  ) async throws {
    guard canKeep(actor) else { throw AppError.forbidden }
    guard let expected = version else { throw AppError.invalid("version", "validation.required") }
    // Compared before the claim, so that no posted number reaches its arithmetic.
    guard expected == application.version else { throw stale() }
    var errors = FieldErrors()
    let instant = DateField.optionalInstant(at, field: "at", into: &errors) ?? now
    if instant > now.addingTimeInterval(300) { errors.add("at", "commitments.error.future") }
    let id = try application.requireID()
    let open = try await ConnectionWait.query(on: db).filter(\.$applicationID == id).filter(\.$endedAt == nil).first()
    var text = ""
    if let open {
      if instant < open.startedAt { errors.add("at", "commitments.error.finish_before_start") }
    } else {
      text = Validate.text(reason, field: "reason", max: reasonLimit, into: &errors)
      let accepted = try await ConnectionStageRecord.query(on: db).filter(\.$applicationID == id).filter(\.$stage == .acceptance).first()?
        .finishedAt
      if let accepted, instant < accepted { errors.add("at", "commitments.error.before_acceptance") }
    }
    try errors.throwIfAny()
    let reasonText = text
    try await db.transaction { tx in
      try await OptimisticLock.claim(ConnectionApplication.schema, id: id, expected: expected, on: tx, stale: stale())
      if let open {
        open.endedAt = instant
        try await open.save(on: tx)
      } else {
        let wait = ConnectionWait()
        wait.applicationID = id
        wait.startedAt = instant
        wait.reason = reasonText
        wait.recordedBy = actor.displayName
        try await wait.create(on: tx)
      }
      try await AuditLog.record(
        .update, entity: .connectionApplication, id: id.uuidString, actor: actor, before: NoSnapshot?.none,
        after: ["wait": open == nil ? "start" : "end", "at": BusinessTime.iso8601(instant)], on: tx, at: now)
    }
  }

  /// An application with what its clocks read (COM-CLOCKS, COM-ON-TIME).
  struct Judged: Sendable {
    let application: ConnectionApplication
    let stages: [ConnectionStageRecord]
    let waits: [ConnectionWait]
    let rules: CommitmentRules
    let readings: [CommitmentReading]
    var onTime: Bool { CommitmentClock.isOnTime(readings) }
  }

  /// Judges applications under the version each was accepted under, at `now`.
  static func judge(_ applications: [ConnectionApplication], on db: any Database, now: Date) async throws -> [Judged] {
    let ids = try applications.map { try $0.requireID() }
    guard !ids.isEmpty else { return [] }
    let stages = Dictionary(
      grouping: try await ConnectionStageRecord.query(on: db).filter(\.$applicationID ~~ ids).all(), by: \.applicationID)
    let waits = Dictionary(
      grouping: try await ConnectionWait.query(on: db).filter(\.$applicationID ~~ ids).sort(\.$startedAt).all(), by: \.applicationID)
    let versions = Dictionary(
      try await RuleVersions<CommitmentRules>.versions(on: db).map { ($0.number, $0.rules) }, uniquingKeysWith: { a, _ in a })
    let calendar = try await WorkingCalendar.load(on: db)
    var out: [Judged] = []
    for application in applications {
      let id = try application.requireID()
      guard let rules = versions[application.ruleVersion] else {
        throw UnknownStoredValue(table: ConnectionApplication.schema, column: "rule_version", value: String(application.ruleVersion))
      }
      let mine = (stages[id] ?? []).sorted {
        (CommitmentStage.connection.firstIndex(of: $0.stage) ?? 0) < (CommitmentStage.connection.firstIndex(of: $1.stage) ?? 0)
      }
      var points: [CommitmentPoint: Date] = [:]
      for stage in mine {
        if let start = stage.startedAt { points[CommitmentPoint(stage.stage, .start)] = start }
        if let finish = stage.finishedAt { points[CommitmentPoint(stage.stage, .finish)] = finish }
      }
      let myWaits = waits[id] ?? []
      let facts = CommitmentFacts(
        connectionClass: application.connectionClass, points: points, pauses: myWaits.map { (start: $0.startedAt, end: $0.endedAt) })
      let readings = try CommitmentClock.readings(facts, rules: rules, now: now, calendar: calendar)
      out.append(Judged(application: application, stages: mine, waits: myWaits, rules: rules, readings: readings))
    }
    return out
  }
}
