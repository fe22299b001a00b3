import Domain
import Fluent
import Foundation

/// One step in an order's timeline: who did what, when, from which state to which, with the
/// note they gave. (The audit log holds the same move with before/after snapshots.)
final class WorkOrderEvent: Model, @unchecked Sendable {
  static let schema = "work_order_events"

  // MARK: id and timestamps
  @ID(key: .id) var id: UUID?
  @Field(key: "at") var at: Date

  // MARK: fields
  @EnumField(key: "action") var action: WorkOrderActionKind
  @EnumField(key: "from_state") var fromState: WorkOrderState
  @EnumField(key: "to_state") var toState: WorkOrderState
  @Field(key: "actor_name") var actorName: String
  @OptionalField(key: "note") var note: String?
  /// The date the move set or asked for (an extension's new deadline).
  @OptionalField(key: "due_at") var dueAt: Date?
  /// The move's result (a return visit's verdict).
  @OptionalEnumField(key: "result") var result: ReturnVisitResult?

  // MARK: relations
  @Parent(key: "order_id") var order: WorkOrder

  init() {}

  init(
    orderID: UUID, at: Date, action: WorkOrderActionKind, from: WorkOrderState, to: WorkOrderState, actorName: String,
    note: String?, dueAt: Date? = nil, result: ReturnVisitResult? = nil
  ) {
    self.$order.id = orderID
    self.at = at
    self.action = action
    self.fromState = from
    self.toState = to
    self.actorName = actorName
    self.note = note
    self.dueAt = dueAt
    self.result = result
  }
}

extension WorkOrderEvent: DirectlyInserted {
  var storedProperties: [any AnyDatabaseProperty] { [$id, $at, $action, $fromState, $toState, $actorName, $note, $dueAt, $result, $order] }
}

/// A return visit's verdict as the timeline shows it.
enum ReturnVisitResult: String, Codable, Sendable, CaseIterable {
  case satisfied, unsatisfied
}
