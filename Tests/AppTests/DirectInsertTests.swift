import Domain
import Fluent
import Foundation
import Testing

@testable import App

/// Models written through SQLKit from their own property lists store exactly what Fluent's
/// `create` would, and stay usable as Fluent models afterwards.
@Suite("Direct inserts")
struct DirectInsertTests {
  static func keys(reflected model: some Model) -> [String] {
    model.properties.compactMap { $0 as? any AnyDatabaseProperty }.flatMap(\.keys).map(\.description)
  }

  static func keys(listed model: some DirectlyInserted) -> [String] {
    model.storedProperties.flatMap(\.keys).map(\.description)
  }

  @Test("Each directly inserted model lists every stored property once")
  func listsAreComplete() {
    // Setup: four directly inserted models
    // Act: collect each one's reflected and listed keys
    let pairs: [(String, [String], [String])] = [
      ("WorkOrder", Self.keys(reflected: WorkOrder()), Self.keys(listed: WorkOrder())),
      ("WorkOrderEvent", Self.keys(reflected: WorkOrderEvent()), Self.keys(listed: WorkOrderEvent())),
      ("AuditRecord", Self.keys(reflected: AuditRecord()), Self.keys(listed: AuditRecord())),
      ("InboxNotification", Self.keys(reflected: InboxNotification()), Self.keys(listed: InboxNotification())),
    ]
    // Check: the same keys, none listed twice
    for (model, reflected, listed) in pairs {
      #expect(Set(listed) == Set(reflected), "\(model)")
      #expect(listed.count == Set(listed).count, "\(model) lists a property twice")
    }
  }

  @Test("A work order inserted directly reads back as one Fluent created, and saves as an update")
  func workOrderRoundTrip() async throws {
    try await withApp { app in
      // Setup: an org, a user and a work order created by Fluent
      let org = try await Org.make(app)
      let user = try #require(try await User.query(on: app.db).first())
      let at = Date(timeIntervalSince1970: 1_790_000_000.25)
      let byFluent = WorkOrderRows.everyColumn(number: "GD-F", unit: org.countyA, user: user, parent: nil, at: at)
      try await byFluent.create(on: app.db)
      // Act: insert one with every column directly
      let direct = WorkOrderRows.everyColumn(number: "GD-D", unit: org.countyA, user: user, parent: byFluent.id, at: at)
      try await direct.insert(on: app.db, now: at)
      // Check: it has its id and times, reads back as Fluent's does and filters alike
      #expect(direct.id != nil && direct._$idExists && direct.createdAt != nil && direct.updatedAt != nil)

      let read = try #require(try await WorkOrder.find(direct.id, on: app.db))
      let fluent = try #require(try await WorkOrder.find(byFluent.id, on: app.db))
      let same: [(String, (WorkOrder) -> String)] = [
        ("version", { "\($0.version)" }), ("type", \.type.rawValue), ("serviceKind", { $0.serviceKind?.rawValue ?? "-" }),
        ("channel", \.channel.rawValue), ("area", \.area.rawValue), ("state", \.state.rawValue), ("severity", \.severity.rawValue),
        ("customerAccount", \.customerAccount),
        ("customerName", \.customerName), ("customerPhone", \.customerPhone), ("address", \.address), ("content", \.content),
        ("categoryCode", { $0.categoryCode ?? "-" }), ("itemCode", { $0.itemCode ?? "-" }),
        ("taxonomyVersion", { "\($0.taxonomyVersion ?? -1)" }), ("attitude", { $0.attitude?.rawValue ?? "-" }),
        ("verified", { "\(String(describing: $0.verified))" }),
        ("supplyResponsibility", { "\(String(describing: $0.supplyResponsibility))" }),
        ("acceptedAt", { "\($0.acceptedAt.timeIntervalSince1970)" }),
        ("appointmentAt", { "\(String(describing: $0.appointmentAt?.timeIntervalSince1970))" }),
        ("closedAt", { "\(String(describing: $0.closedAt?.timeIntervalSince1970))" }),
        ("returnVisitedAt", { "\(String(describing: $0.returnVisitedAt?.timeIntervalSince1970))" }),
        ("returnVisitSatisfied", { "\(String(describing: $0.returnVisitSatisfied))" }),
        ("investigation", { $0.investigationJSON ?? "-" }),
        ("nextDueAt", { "\(String(describing: $0.nextDueAt?.timeIntervalSince1970))" }), ("snapshot", \.snapshotJSON),
        ("clocks", \.clocksJSON), ("unit", { $0.$unit.id.uuidString }), ("createdBy", { $0.$createdBy.id.uuidString }),
      ]
      for (field, value) in same {
        #expect(value(read) == value(fluent), "\(field)")
      }
      #expect(read.$parent.id == byFluent.id && fluent.$parent.id == nil)
      #expect(read.acceptedAt == at && read.verified == true && read.supplyResponsibility == false)
      // Stored the same way: typed filters find both rows.
      let matching = try await WorkOrder.query(on: app.db).filter(\.$acceptedAt == at).filter(\.$verified == true)
        .filter(\.$unit.$id == org.countyA.savedID).count()
      #expect(matching == 2)

      // Act: close the direct one and save it
      direct.state = .closed
      try await direct.save(on: app.db)
      // Check: saved as an update, not a new row
      #expect(try await WorkOrder.query(on: app.db).count() == 2)
      #expect(try await WorkOrder.find(direct.id, on: app.db)?.state == .closed)
    }
  }

  @Test("Notices to several people are one insert of a row each; unset columns stay empty")
  func notificationsInOneInsert() async throws {
    try await withApp { app in
      // Setup: an org and two users
      _ = try await Org.make(app)
      let users = try await User.query(on: app.db).limit(2).all().map { $0.savedID }
      #expect(users.count == 2)
      let at = Date(timeIntervalSince1970: 1_790_000_000)
      // Act: deliver a queue notice to both
      try await Notifications.deliver(
        Notice(kind: .queue, messageKey: "inbox.queue", args: ["GD-1", "workorder.state.accepted"], link: "/x"), to: users, at: at,
        on: app.db)
      // Check: one row each, unread, with its time and args
      let rows = try await InboxNotification.query(on: app.db).all()
      #expect(Set(rows.map { $0.$user.id }) == Set(users))
      #expect(rows.allSatisfy { $0.readAt == nil && $0.createdAt == at && $0.args == ["GD-1", "workorder.state.accepted"] })
    }
  }
}
