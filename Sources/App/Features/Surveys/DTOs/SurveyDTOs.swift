import Domain
import Foundation
import Vapor

struct RosterDTO: Content {
  let id: UUID
  let unitId: UUID
  let version: Int
  let isCurrent: Bool
  let fileName: String
  let totalRows: Int
  let validRows: Int
  let completeRows: Int
  let validListRate: Double
  let completenessRate: Double
  let importedAt: Date?
  let importedBy: String

  init(_ v: RosterVersion) throws {
    let q = RosterQuality(total: v.totalRows, valid: v.validRows, complete: v.completeRows)
    id = try v.requireID()
    unitId = v.$unit.id
    version = v.version
    isCurrent = v.isCurrent
    fileName = v.fileName
    totalRows = v.totalRows
    validRows = v.validRows
    completeRows = v.completeRows
    validListRate = q.validListRate
    completenessRate = q.completenessRate
    importedAt = v.createdAt
    importedBy = v.importedBy
  }
}

struct RosterImportDTO: Content {
  struct Rejected: Content {
    let line: Int
    let field: String?
    let reason: String
  }
  let roster: RosterDTO
  let rejected: [Rejected]
}

struct WaveCreateRequest: Content {
  var code: String?
  var name: String?
  var year: Int?
  var questionnaire: String?
  var sampleCount: Int?
  var samplePercent: Double?
  var allocation: String?
  var seed: String?
  var attemptLimit: Int?
  var reservePercent: Double?
  var excludeMonths: Int?
  var excludeOpenComplaints: Bool?
}

/// The sampling plan; the seed is a string because JSON numbers lose precision above 2^53.
struct PlanDTO: Content {
  let sampleCount: Int?
  let sampleFraction: Double?
  let allocation: String
  let reserveFraction: Double
  let seed: String
  let excludeSurveyedWithinMonths: Int?
  let excludeOpenComplaints: Bool

  init(_ plan: SamplingPlan) {
    switch plan.size {
    case .count(let n):
      sampleCount = n
      sampleFraction = nil
    case .fraction(let f):
      sampleCount = nil
      sampleFraction = f
    }
    allocation = plan.allocation.rawValue
    reserveFraction = plan.reserveFraction
    seed = String(plan.seed)
    excludeSurveyedWithinMonths = plan.excludeSurveyedWithinMonths
    excludeOpenComplaints = plan.excludeOpenComplaints
  }
}

struct MilestoneDTO: Content {
  let kind: MilestoneKind
  let due: String
  let completedOn: String?
  let status: MilestoneStatus?
}

struct QuotaDTO: Content {
  let unitId: UUID
  let segment: CustomerSegment
  let population: Int
  let excludedRecentlySurveyed: Int
  let excludedOpenComplaint: Int
  let eligible: Int
  let quota: Int
  let reserve: Int
  let designWeight: Double
  let completed: Int
}

struct WaveDTO: Content {
  let id: UUID
  let version: Int
  let code: String
  let name: String
  let year: Int
  let isOpen: Bool
  let attemptLimit: Int
  let sampledAt: Date?
  let plan: PlanDTO
  let milestones: [MilestoneDTO]
  let questionnaire: Questionnaire?
  let quotas: [QuotaDTO]?

  init(_ wave: SurveyWave, today: CivilDate, full: Bool = false, quotas: [QuotaDTO]? = nil) throws {
    id = try wave.requireID()
    version = wave.version
    code = wave.code
    name = wave.name
    year = wave.year
    isOpen = wave.isOpen
    attemptLimit = wave.attemptLimit
    sampledAt = wave.sampledAt
    plan = PlanDTO(try wave.plan)
    let completions = wave.completions
    milestones = try wave.milestones.map { m in
      let done = completions[m.kind.rawValue].flatMap { CivilDate(iso: $0) }
      let perUnit = m.kind == .rostersSubmitted || m.kind == .fieldworkDone
      return MilestoneDTO(
        kind: m.kind, due: m.due.description, completedOn: done?.description,
        status: perUnit ? nil : m.status(completedOn: done, today: today))
    }
    questionnaire = full ? try wave.questionnaire : nil
    self.quotas = quotas
  }
}

struct TargetRequest: Content {
  var unitId: UUID?
  var assessment: Double?
  var stretch: Double?
}

struct SampleDTO: Content {
  let id: UUID
  let waveId: UUID
  let unitId: UUID
  let name: String
  let phone: String
  let segment: CustomerSegment
  let designWeight: Double
  let reserveRank: Int?
  let active: Bool
  let status: SampleStatus
  let attempts: Int
  let nextCallAt: Date?
  let completedAt: Date?

  init(_ s: SurveySample) throws {
    id = try s.requireID()
    waveId = s.$wave.id
    unitId = s.$unit.id
    name = s.name
    phone = DisplayFormat.maskedPhone(s.phone)
    segment = s.segment
    designWeight = s.designWeight
    reserveRank = s.reserveRank
    active = s.active
    status = s.status
    attempts = s.attempts
    nextCallAt = s.nextCallAt
    completedAt = s.completedAt
  }
}

struct CallRequest: Content {
  var outcome: String?
  var answers: [String: String]?
  var skippedModules: [String]?
  var callbackAt: String?
}
