import Domain
import Fluent
import Foundation

/// Where each county company stands in a wave: roster, sample, fieldwork and the plan's
/// milestones (SV-PLAN-MILESTONES: rosters by end of June, fieldwork by end of October, …).
enum WaveStatus {
  struct County: Sendable {
    let unit: OrgUnit
    let roster: RosterVersion?
    let quota: Int
    let done: Int
    let milestones: [(SurveyMilestone, MilestoneStatus, CivilDate?)]
  }

  struct QuotaCell: Sendable {
    let unit: OrgUnit
    let quota: SurveyQuota
    let done: Int
  }

  static func counties(wave: SurveyWave, actor: Actor, on db: any Database, today: CivilDate) async throws -> [County] {
    let units = try await OrgUnit.visible(to: actor, on: db).filter { $0.kind == .county }
    let rosters = try await RosterVersion.query(on: db).sort(\.$version).all()
    let fill = try await FieldworkService.fill(waveIDs: [wave.requireID()], on: db)
    let finished = try await SurveySample.query(on: db).filter(\.$wave.$id == wave.requireID())
      .filter(\.$status == SampleStatus.completed).all()
    let milestones = try wave.milestones
    let completions = wave.completions
    return units.map { unit in
      let own = rosters.filter { $0.$unit.id == unit.id }
      let cells = fill.filter { $0.key.unit == unit.id }.values
      let quota = cells.reduce(0) { $0 + $1.quota }
      let done = cells.reduce(0) { $0 + min($1.done, $1.quota) }
      let lastInterview = finished.filter { $0.$unit.id == unit.id }.compactMap(\.completedAt).max()
      let statuses = milestones.map { milestone -> (SurveyMilestone, MilestoneStatus, CivilDate?) in
        var completed: CivilDate?
        switch milestone.kind {
        case .rostersSubmitted:
          completed = own.first { BusinessTime.civilDate(of: $0.createdAt ?? .distantPast).year == wave.year }
            .flatMap { $0.createdAt.map(BusinessTime.civilDate(of:)) }
        case .fieldworkDone:
          if quota > 0 && done >= quota { completed = lastInterview.map(BusinessTime.civilDate(of:)) }
        default:
          completed = completions[milestone.kind.rawValue].flatMap { CivilDate(iso: $0) }
        }
        return (milestone, milestone.status(completedOn: completed, today: today), completed)
      }
      return County(unit: unit, roster: own.last { $0.isCurrent }, quota: quota, done: done, milestones: statuses)
    }
  }

  static func quotaCells(wave: SurveyWave, actor: Actor, on db: any Database) async throws -> [QuotaCell] {
    let units = Dictionary(uniqueKeysWithValues: try await OrgUnit.visible(to: actor, on: db).map { (try $0.requireID(), $0) })
    let fill = try await FieldworkService.fill(waveIDs: [wave.requireID()], on: db)
    let quotas = try await SurveyQuota.query(on: db).filter(\.$wave.$id == wave.requireID()).all()
    let order = Dictionary(uniqueKeysWithValues: CustomerSegment.allCases.enumerated().map { ($1, $0) })
    return try quotas.compactMap { quota in
      guard let unit = units[quota.$unit.id] else { return nil }
      let done = fill[.init(wave: try wave.requireID(), unit: try unit.requireID(), segment: quota.segment)]?.done ?? 0
      return QuotaCell(unit: unit, quota: quota, done: done)
    }.sorted { ($0.unit.code, order[$0.quota.segment] ?? 9) < ($1.unit.code, order[$1.quota.segment] ?? 9) }
  }
}
