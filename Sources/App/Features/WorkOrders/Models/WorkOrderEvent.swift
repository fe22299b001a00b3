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
  @Field(key: "action") var action: String
  @Field(key: "from_state") var fromState: String
  @Field(key: "to_state") var toState: String
  @Field(key: "actor_name") var actorName: String
  @OptionalField(key: "note") var note: String?
  /// The date the move set or asked for (an extension's new deadline).
  @OptionalField(key: "due_at") var dueAt: Date?
  /// The move's result code (a return visit: satisfied or unsatisfied).
  @OptionalField(key: "result") var result: String?

  // MARK: relations
  @Parent(key: "order_id") var order: WorkOrder

  init() {}

  init(
    orderID: UUID, at: Date, action: String, from: String, to: String, actorName: String, note: String?, dueAt: Date? = nil,
    result: String? = nil
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
