import Domain
import Fluent
import Foundation
import SQLKit

/// Draws a wave's sample for every county company that has a current roster (SV-SAMPLE-STRATA):
/// stratified by segment, reproducible from the wave's seed, with the exclusions of the plan.
enum SampleService {
  struct CountyDraw: Sendable {
    let county: String
    let strata: [StratumReport]
  }

  static func draw(wave: SurveyWave, actor: Actor, on db: any Database, now: Date) async throws -> [CountyDraw] {
    try WaveService.requireManager(actor)
    let plan = try wave.plan
    let rosters = try await RosterVersion.query(on: db).filter(\.$isCurrent == true).with(\.$unit).all()
      .filter { actor.canSee($0.unit.unitPath) }
    let sampled = Set(try await SurveyQuota.query(on: db).filter(\.$wave.$id == wave.requireID()).all().map(\.$unit.id))
    let pending = try rosters.filter { !sampled.contains(try $0.unit.requireID()) }.sorted { $0.unit.code < $1.unit.code }
    guard !pending.isEmpty else { throw AppError.conflict(nil, "survey.error.nothing_to_sample") }
    let openComplaints = plan.excludeOpenComplaints ? try await WorkOrderSummaries.accountsWithOpenComplaints(on: db) : []
    let asOf = BusinessTime.civilDate(of: now)
    return try await db.transaction { tx in
      var draws: [CountyDraw] = []
      let lastSurveyed = try await lastSurveyedByAccount(excluding: wave.requireID(), on: tx)
      for roster in pending {
        let customers = try await RosterCustomer.query(on: tx).filter(\.$rosterVersion.$id == roster.requireID()).all()
        let candidates = try customers.map {
          SamplingCandidate(
            id: Int64(try $0.requireID()), segment: $0.segment,
            lastSurveyedOn: lastSurveyed[$0.account], hasOpenComplaint: openComplaints.contains($0.account))
        }
        var countyPlan = plan
        countyPlan.seed = countySeed(plan.seed, county: roster.unit.code)
        let result = Sampler.draw(candidates, plan: countyPlan, asOf: asOf)
        try await store(result, wave: wave, countyID: roster.unit.requireID(), customers: customers, on: tx)
        draws.append(CountyDraw(county: roster.unit.name, strata: result.strata))
      }
      wave.sampledAt = now
      // The draw is a change to the wave as it was read: a change since is a 409, not overwritten.
      try await WaveService.claimVersion(wave, expected: wave.version, on: tx)
      try await wave.save(on: tx)
      try await AuditLog.record(
        .update, entity: .surveyWave, id: wave.requireID().uuidString, actor: actor, before: NoSnapshot?.none,
        after: ["sampled": draws.map(\.county)], on: tx, at: now)
      return draws
    }
  }

  /// Each county gets its own stream from the wave's seed, so adding a county later does not
  /// change the others' samples (FNV-1a of the unit code mixed into the seed).
  static func countySeed(_ seed: UInt64, county code: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in code.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return seed ^ hash
  }

  /// The last completed interview per account in earlier waves.
  static func lastSurveyedByAccount(excluding waveID: UUID, on db: any Database) async throws -> [String: CivilDate] {
    let done = try await SurveySample.query(on: db).filter(\.$wave.$id != waveID)
      .filter(\.$status == SampleStatus.completed).all()
    var last: [String: CivilDate] = [:]
    for sample in done {
      guard let at = sample.completedAt else { continue }
      let day = BusinessTime.civilDate(of: at)
      if let known = last[sample.account], known >= day { continue }
      last[sample.account] = day
    }
    return last
  }

  static func store(
    _ result: SampleDraw, wave: SurveyWave, countyID: UUID, customers: [RosterCustomer], on db: any Database
  ) async throws {
    for stratum in result.strata {
      let quota = SurveyQuota()
      quota.$wave.id = try wave.requireID()
      quota.$unit.id = countyID
      quota.segment = stratum.segment
      quota.population = stratum.population
      quota.excludedRecent = stratum.excludedRecentlySurveyed
      quota.excludedComplaint = stratum.excludedOpenComplaint
      quota.eligible = stratum.eligible
      quota.quota = stratum.allocated
      quota.reserve = stratum.reserve
      quota.designWeight = stratum.designWeight
      try await quota.create(on: db)
    }
    let sql = db.sql
    let byID = Dictionary(uniqueKeysWithValues: try customers.map { (try $0.requireID(), $0) })
    let columns = [
      "id", "wave_id", "unit_id", "customer_id", "account", "name", "phone", "segment", "design_weight", "reserve_rank",
      "active", "status", "attempts", "draw_order",
    ]
    for start in stride(from: 0, to: result.customers.count, by: 500) {
      var insert = sql.insert(into: SurveySample.schema).columns(columns)
      for (offset, sampled) in result.customers[start..<min(start + 500, result.customers.count)].enumerated() {
        // The sampler only returns customers it was given.
        guard let customer = byID[Int(sampled.id)] else { throw AppError(.internalServerError, code: .internal, key: "error.internal") }
        insert = insert.values([
          SQLBind(UUID()), SQLBind(try wave.requireID()), SQLBind(countyID), SQLBind(Int(sampled.id)), SQLBind(customer.account),
          SQLBind(customer.name), SQLBind(customer.phone), SQLBind(sampled.segment.rawValue), SQLBind(sampled.designWeight),
          SQLBind(sampled.reserveRank), SQLBind(sampled.reserveRank == nil), SQLBind(SampleStatus.pending.rawValue),
          SQLBind(0), SQLBind(start + offset),
        ])
      }
      try await insert.run()
    }
  }
}
