import Domain
import Fluent
import Foundation
import Vapor

/// The indices of one unit and its subtree over a period (rules REL-…), read from every
/// interruption source.
enum ReliabilityService {
  /// The longest period asked for at once: ten years of days.
  static let maxDays = 3_660

  /// A unit with its subtree, as the indices see them (REL-CUSTOMERS-SERVED).
  struct Scope: Sendable {
    let unit: OrgUnit
    let subtree: [OrgUnit]

    var units: [UUID: ReliabilityUnit] {
      var result: [UUID: ReliabilityUnit] = [:]
      for member in subtree {
        guard let id = member.id else { continue }
        result[id] = ReliabilityUnit(customers: member.customerCount, area: member.supplyArea)
      }
      return result
    }

    /// The subtree of one of its members.
    func narrowed(to member: OrgUnit) -> Scope {
      Scope(unit: member, subtree: subtree.filter { member.unitPath.contains($0.unitPath) })
    }
  }

  /// The unit asked for (the actor's own when none), refused outside the actor's subtree
  /// (REL-READ), with its subtree.
  static func scope(unitID: UUID?, actor: Actor, on db: any Database) async throws -> Scope {
    let unit = try await OrgUnit.findVisible(unitID ?? actor.unitID, for: actor, on: db)
    let subtree = try await OrgUnit.query(on: db).filter(\.$path =~ unit.path).sort(\.$code).all()
    return Scope(unit: unit, subtree: subtree)
  }

  /// The period: both dates included, `to` not before `from`, at most `maxDays` days; by
  /// default the current year up to today.
  static func period(from: CivilDate?, to: CivilDate?, now: Date) throws -> (from: CivilDate, to: CivilDate) {
    let today = BusinessTime.civilDate(of: now)
    let end = to ?? today
    let start = from ?? CivilDate(year: end.year, month: 1, day: 1) ?? end
    guard start <= end else { throw AppError.invalid("to", "reliability.error.period_order") }
    guard end.dayNumber - start.dayNumber < maxDays else {
      throw AppError.invalid("to", "reliability.error.period_length", String(maxDays))
    }
    return (start, end)
  }

  /// Every record of the scope that the report for the period reads: the period and the Major
  /// Event Day history before it (REL-MED).
  static func records(
    _ scope: Scope, from: CivilDate, to: CivilDate, settings: ReliabilitySettings, sources: InterruptionSources, on db: any Database
  ) async throws -> [SourcedInterruption] {
    let first = settings.majorEventBeta == nil ? from : ReliabilityIndices.historyStart(for: from, years: settings.majorEventHistoryYears)
    return try await sources.interruptions(
      units: scope.subtree.compactMap(\.id), from: BusinessTime.startOfDay(first), to: BusinessTime.startOfDay(to.adding(days: 1)), on: db)
  }

  static func report(
    _ scope: Scope, from: CivilDate, to: CivilDate, settings: ReliabilitySettings, records: [SourcedInterruption]
  ) -> ReliabilityReport {
    ReliabilityIndices.compute(interruptions: records.map(\.interruption), units: scope.units, from: from, to: to, settings: settings)
  }

  /// What the page and the API show of a unit and a period, read one way.
  struct Loaded {
    let scope: Scope
    let from: CivilDate
    let to: CivilDate
    /// The settings version in force on the period's last day (REL-SETTINGS).
    let settings: ReliabilitySettings
    let records: [SourcedInterruption]
    let report: ReliabilityReport
  }

  /// The scope the actor asked for (default: their unit), the period (REL-READ), the settings
  /// in force on its last day (REL-SETTINGS), the records of every source (REL-SOURCES) and the
  /// indices.
  static func load(
    unitID: UUID?, from: CivilDate?, to: CivilDate?, actor: Actor, sources: InterruptionSources, on db: any Database, now: Date
  ) async throws -> Loaded {
    let scope = try await scope(unitID: unitID, actor: actor, on: db)
    let period = try period(from: from, to: to, now: now)
    let settings = try await RuleVersions<ReliabilitySettings>.inForce(on: period.to, db: db, default: .default)
    let records = try await records(scope, from: period.from, to: period.to, settings: settings, sources: sources, on: db)
    let report = report(scope, from: period.from, to: period.to, settings: settings, records: records)
    return Loaded(scope: scope, from: period.from, to: period.to, settings: settings, records: records, report: report)
  }
}
