import Domain
import Foundation
import Vapor

/// An outage as the API gives it.
struct OutageDTO: Content {
  let id: UUID
  let version: Int
  let type: String
  let category: String
  let cause: String
  let state: String
  let gridObjectId: UUID
  let gridObject: String
  let unitId: UUID
  let start: Date
  let announcedRestoration: Date
  let actualStart: Date?
  let restored: Date?
  let registeredAt: Date
  let customersAffected: Int
  let noticeBreach: Bool
  let notifiedInTime: Int
  let notificationRate: Double

  init(_ outage: Outage, rate: OutageNotices.Rate?) throws {
    id = try outage.requireID()
    version = outage.version
    type = outage.type.rawValue
    category = outage.type.category.rawValue
    cause = outage.cause
    state = outage.state.rawValue
    gridObjectId = outage.$gridObject.id
    gridObject = outage.$gridObject.value?.code ?? ""
    unitId = outage.$unit.id
    start = outage.startAt
    announcedRestoration = outage.announcedRestorationAt
    actualStart = outage.actualStartAt
    restored = outage.restoredAt
    registeredAt = outage.registeredAt
    customersAffected = outage.customersAffected
    noticeBreach = outage.noticeBreach
    notifiedInTime = rate?.inTime ?? 0
    notificationRate = rate?.fraction ?? 1
  }
}

/// An affected customer with the status of their notice.
struct OutageCustomerDTO: Content {
  let id: UUID
  let account: String
  let name: String
  let phone: String?
  let importantClass: String?
  let noticeStatus: String
  let notifiedInTime: Bool
  let noticeQueuedAt: Date?
  let restoredAt: Date?
  let calledAt: Date?

  init(_ row: OutageCustomer, status: OutageNotices.Status) throws {
    id = try row.requireID()
    account = row.account
    name = row.name
    phone = row.phone
    importantClass = row.importantClass?.rawValue
    noticeStatus = status.rawValue
    notifiedInTime = OutageNotices.notifiedInTime(row, status: status)
    noticeQueuedAt = row.noticeQueuedAt
    restoredAt = row.restoredAt
    calledAt = row.calledAt
  }
}

struct NewOutageRequest: Content {
  var type: String?
  var cause: String?
  var gridObjectId: String?
  var feeder: String?
  var start: String?
  var announcedRestoration: String?
  /// Numbers of fault-repair orders grouped under the new fault outage (OUT-MERGE-CALLS).
  var repairOrders: [String]?
}

struct OutageAdjustRequest: Content {
  var adjustment: String?
  var account: String?
  var version: Int?
}

struct OutageActionRequest: Content {
  var action: String
  var version: Int?
  var at: String?
  var gridObjectId: String?
  var announcedRestoration: String?
  var reason: String?
}
