import Domain
import Fluent
import Foundation

/// Telephone fieldwork (CATI) for interviewers: the next customer from the queue, call outcomes,
/// callbacks at their time, the attempt limit and quotas per county × segment.
enum FieldworkService {
  static func requireSurveyor(_ actor: Actor) throws {
    guard actor.has(.surveyor) || actor.isAdmin else { throw AppError.forbidden }
  }

  /// The customer this interviewer is working on, or the next one from the queue: callbacks due
  /// first ("callback" sorts before "pending"), then fewest attempts, then draw order; cells whose
  /// quota is full are skipped.
  static func next(actor: Actor, on db: any Database, now: Date) async throws -> SurveySample? {
    try requireSurveyor(actor)
    if let held = try await SurveySample.query(on: db).filter(\.$claimedBy == actor.userID)
      .filter(\.$claimedUntil > now).filter(\.$status ~~ SampleStatus.open)
      .first()
    {
      return held
    }
    let waves = try await SurveyWave.query(on: db).filter(\.$isOpen == true).all()
    guard !waves.isEmpty else { return nil }
    let units = try await OrgUnit.visible(to: actor, on: db).compactMap(\.id)
    let full = try await fullCells(waveIDs: waves.compactMap(\.id), on: db)
    let candidates = try await SurveySample.query(on: db)
      .filter(\.$wave.$id ~~ waves.compactMap(\.id)).filter(\.$unit.$id ~~ units).filter(\.$active == true)
      .filter(\.$status ~~ SampleStatus.open)
      .group(.or) { $0.filter(\.$nextCallAt == nil).filter(\.$nextCallAt <= now) }
      .group(.or) { $0.filter(\.$claimedUntil == nil).filter(\.$claimedUntil <= now) }
      .sort(\.$status).sort(\.$attempts).sort(\.$drawOrder)
      .limit(50).all()
    let rules = FieldworkRules.default
    for sample in candidates where !full.contains(Cell(sample)) {
      // Claim it only if nobody else did meanwhile.
      try await SurveySample.query(on: db).filter(\.$id == sample.requireID())
        .group(.or) { $0.filter(\.$claimedUntil == nil).filter(\.$claimedUntil <= now) }
        .set(\.$claimedBy, to: actor.userID).set(\.$claimedUntil, to: now.addingTimeInterval(Double(rules.claimMinutes) * 60))
        .update()
      if let mine = try await SurveySample.find(sample.id, on: db), mine.claimedBy == actor.userID { return mine }
    }
    return nil
  }

  struct Cell: Hashable {
    let wave: UUID
    let unit: UUID
    let segment: CustomerSegment

    init(wave: UUID, unit: UUID, segment: CustomerSegment) {
      self.wave = wave
      self.unit = unit
      self.segment = segment
    }
    init(_ sample: SurveySample) { self.init(wave: sample.$wave.id, unit: sample.$unit.id, segment: sample.segment) }
  }

  /// Live quota fill per county × segment: quota and completed interviews.
  static func fill(waveIDs: [UUID], on db: any Database) async throws -> [Cell: (quota: Int, done: Int)] {
    var cells: [Cell: (quota: Int, done: Int)] = [:]
    for quota in try await SurveyQuota.query(on: db).filter(\.$wave.$id ~~ waveIDs).all() {
      cells[Cell(wave: quota.$wave.id, unit: quota.$unit.id, segment: quota.segment)] = (quota.quota, 0)
    }
    let done = try await SurveySample.query(on: db).filter(\.$wave.$id ~~ waveIDs)
      .filter(\.$status == SampleStatus.completed).all()
    for sample in done { cells[Cell(sample), default: (0, 0)].done += 1 }
    return cells
  }

  static func fullCells(waveIDs: [UUID], on db: any Database) async throws -> Set<Cell> {
    Set(try await fill(waveIDs: waveIDs, on: db).filter { $0.value.done >= $0.value.quota }.keys)
  }

  /// A sample the interviewer may act on: visible, open, and not held by somebody else.
  static func findWorkable(_ id: UUID?, actor: Actor, on db: any Database, now: Date) async throws -> SurveySample {
    try requireSurveyor(actor)
    guard let id, let sample = try await SurveySample.query(on: db).filter(\.$id == id).with(\.$unit).with(\.$wave).first()
    else { throw AppError.notFound("entity.survey_sample") }
    try actor.requireVisible(sample.unit.unitPath)
    guard sample.status.isOpen else { throw AppError.conflict(nil, "survey.error.sample_closed") }
    if let holder = sample.claimedBy, holder != actor.userID, let until = sample.claimedUntil, until > now {
      throw AppError.conflict(nil, "survey.error.sample_claimed")
    }
    return sample
  }

  /// Records a call. A completed interview is scored first: an answer out of range or missing
  /// is refused with the question named, and a full quota cell refuses it with a message.
  static func record(
    _ outcome: CallOutcome, sample: SurveySample, draft: ResponseDraft, callbackAt: Date?, actor: Actor,
    on db: any Database, now: Date, locale: String
  ) async throws {
    let wave = sample.wave
    guard wave.isOpen else { throw AppError.conflict(nil, "survey.error.wave_closed") }
    let questionnaire = try wave.questionnaire
    var answers: [ScoredAnswer] = []
    if outcome == .completed {
      answers = try ResponseRecorder.score(draft, questionnaire: questionnaire, locale: locale)
      let cells = try await fill(waveIDs: [wave.requireID()], on: db)
      if let cell = cells[Cell(sample)], cell.done >= cell.quota {
        throw AppError.conflict("segment", "survey.error.quota_full")
      }
    }
    if outcome == .callback && callbackAt == nil { throw AppError.invalid("callbackAt", "survey.error.callback_time") }
    // A time typed to the minute may fall in the current minute; earlier is a mistake.
    if outcome == .callback, let at = callbackAt, at < now.addingTimeInterval(-60) {
      throw AppError.invalid("callbackAt", "survey.error.callback_past")
    }
    let rules = FieldworkRules(attemptLimit: wave.attemptLimit)
    let step = rules.step(after: outcome, failedAttempts: sample.attempts, callbackAt: callbackAt, now: now)
    let before = sample.status
    let scored = answers
    try await db.transaction { tx in
      switch step {
      case .completed:
        sample.status = .completed
        sample.completedAt = now
        try await ResponseRecorder.record(
          .init(
            waveID: wave.requireID(), unitID: sample.$unit.id, sampleID: sample.id, segment: .customer(sample.segment),
            channel: .phone, weight: sample.designWeight, answers: scored, answeredAt: now, recordedBy: actor.username),
          questionnaire: questionnaire, on: tx)
      case .retry(let attempts, let at):
        sample.attempts = attempts
        sample.status = .pending
        sample.nextCallAt = at
      case .callback(let at):
        sample.status = .callback
        sample.nextCallAt = at
      case .ended(let end):
        if end == .exhausted { sample.attempts += 1 }
        sample.status = SampleStatus(end)
        try await activateReserve(for: sample, on: tx)
      }
      sample.claimedBy = nil
      sample.claimedUntil = nil
      try await sample.save(on: tx)
      let call = SurveyCall()
      call.$sample.id = try sample.requireID()
      call.surveyorID = actor.userID
      call.outcome = outcome
      call.callbackAt = callbackAt
      call.calledAt = now
      try await call.create(on: tx)
      try await AuditLog.record(
        .stateChange, entity: .surveySample, id: sample.requireID().uuidString, actor: actor, before: ["status": before.rawValue],
        after: ["status": sample.status.rawValue, "outcome": outcome.rawValue], on: tx, at: now)
    }
  }

  /// The stratum's next reserve customer takes the place of one who will not be interviewed.
  static func activateReserve(for sample: SurveySample, on db: any Database) async throws {
    guard
      let reserve = try await SurveySample.query(on: db).filter(\.$wave.$id == sample.$wave.id)
        .filter(\.$unit.$id == sample.$unit.id).filter(\.$segment == sample.segment).filter(\.$active == false)
        .sort(\.$reserveRank).first()
    else { return }
    reserve.active = true
    try await reserve.save(on: db)
  }
}
