import Domain
import Fluent
import Foundation

/// The register as people may see it: outages of units in their subtree (OUT-SCOPE).
enum OutageQueries {
  struct Filter: Sendable {
    var unitID: UUID?
    var state: OutageState?
  }

  static let listLimit = 500

  static func list(_ filter: Filter, for actor: Actor, on db: any Database) async throws -> [Outage] {
    var unitIDs = try await OrgUnit.visible(to: actor, on: db).map { try $0.requireID() }
    if let unitID = filter.unitID {
      let unit = try await OrgUnit.findVisible(unitID, for: actor, on: db)
      unitIDs = try await OrgUnit.query(on: db).filter(\.$path =~ unit.path).all().map { try $0.requireID() }
    }
    let query = Outage.query(on: db).filter(\.$unit.$id ~~ unitIDs).with(\.$unit).with(\.$gridObject)
    if let state = filter.state { query.filter(\.$state == state) }
    return try await query.sort(\.$startAt, .descending).limit(listLimit).all()
  }

  /// Which customers a list shows (OUT-NOTICE-RATE: each figure links to exactly its customers).
  enum NoticeFilter: String, Codable, Sendable, CaseIterable {
    case all
    case inTime = "in_time"
    case notInTime = "not_in_time"
    case failed
    case important
  }

  static let customerLimit = 5000

  /// The customers of some outages with their notice status, filtered.
  static func customers(
    of outageIDs: [UUID], filter: NoticeFilter, on db: any Database
  ) async throws -> [(OutageCustomer, OutageNotices.Status)] {
    guard !outageIDs.isEmpty else { return [] }
    let query = OutageCustomer.query(on: db).filter(\.$outageID ~~ outageIDs).sort(\.$account)
    if filter == .important { query.filter(\.$importantClass != nil) }
    let rows = try await query.all()
    let statuses = try await OutageNotices.statuses(rows, on: db)
    return rows.compactMap { row in
      guard let id = row.id, let status = statuses[id] else { return nil }
      let inTime = OutageNotices.notifiedInTime(row, status: status)
      switch filter {
      case .all, .important: return (row, status)
      case .inTime: return inTime ? (row, status) : nil
      case .notInTime: return inTime ? nil : (row, status)
      case .failed: return status == .failed ? (row, status) : nil
      }
    }
  }

  /// The feeders and transformer areas an actor may register outages on.
  static func gridObjects(for actor: Actor, on db: any Database) async throws -> [GridObject] {
    let unitIDs = try await OrgUnit.visible(to: actor, on: db).map { try $0.requireID() }
    return try await GridObject.query(on: db).filter(\.$unit.$id ~~ unitIDs).with(\.$unit).sort(\.$code).all()
  }
}
