import Domain
import Foundation
import Vapor

/// A customer as an order names them, the same in requests and responses.
struct CustomerDTO: Content {
  let account: String
  let name: String
  let phone: String
  let address: String
}

struct WorkOrderCreateRequest: Content {
  struct Complaint: Content {
    let category: String?
    let item: String
    let attitude: String?
    let severity: String?
  }
  let type: String
  let serviceKind: String?
  let channel: String
  let area: String
  let unitId: UUID
  let customer: CustomerDTO
  let content: String
  let complaint: Complaint?
  let answer: String?
  let acceptedAt: Date?
  let appointmentAt: Date?

  var input: WorkOrderIntake.Input {
    .init(
      type: type, serviceKind: serviceKind, channel: channel, area: area, customerAccount: customer.account,
      customerName: customer.name, customerPhone: customer.phone, address: customer.address, content: content,
      unitID: unitId.uuidString, category: complaint?.category, item: complaint?.item, attitude: complaint?.attitude,
      severity: complaint?.severity, answer: answer, acceptedAt: acceptedAt, appointmentAt: appointmentAt)
  }
}

struct WorkOrderActionRequest: Content {
  let action: String
  let version: Int
  let reason: String?
  let note: String?
  let summary: String?
  let unitId: UUID?
  let satisfied: Bool?
  let newDue: Date?
  let customerInformed: Bool?
  let severity: String?
  let parentId: UUID?
  let verified: Bool?
  let supplyResponsibility: Bool?
  let investigation: InvestigationInput?
}

struct ClockDTO: Content {
  let stage: StageClock
  let startedAt: Date
  let dueAt: Date
  let pausedSeconds: Double
  let breached: Bool
  let stopped: Bool
  /// Stopped because the stage was done (not because the order ended first).
  let done: Bool
  /// The deadline runs past the working calendar's last year: weekends only, recomputed when
  /// the year's holidays are imported.
  let provisional: Bool
  let elapsedFraction: Double
}

struct WorkOrderDTO: Content {
  struct Complaint: Content {
    let taxonomyVersion: Int?
    let category: String?
    let item: String?
    let attitude: CustomerAttitude?
    let verified: Bool?
    let supplyResponsibility: Bool?
    let investigation: ComplaintInvestigation?
  }
  let id: UUID
  let number: String
  let type: OrderType
  let serviceKind: ServiceRequestKind?
  let channel: Domain.Channel
  let area: AreaClass
  let state: WorkOrderState
  let severity: Severity
  let version: Int
  let unitId: UUID
  let parentId: UUID?
  let customer: CustomerDTO
  let content: String
  let complaint: Complaint?
  let acceptedAt: Date
  let appointmentAt: Date?
  let closedAt: Date?
  let clocks: [ClockDTO]
  let allowedActions: [WorkOrderActionKind]
}
