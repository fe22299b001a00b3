import Fluent
import SQLKit

struct CreateWorkOrders: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(WorkOrder.schema)
      .id()
      .field("version", .int, .required)
      .field("number", .string, .required)
      .field("type", .string, .required)
      .field("service_kind", .string)
      .field("channel", .string, .required)
      .field("area", .string, .required)
      .field("state", .string, .required)
      .field("severity", .string, .required)
      .field("customer_account", .string, .required)
      .field("customer_name", .string, .required)
      .field("customer_phone", .string, .required)
      .field("address", .string, .required)
      .field("content", .string, .required)
      .field("category_code", .string)
      .field("item_code", .string)
      .field("taxonomy_version", .int)
      .field("attitude", .string)
      .field("verified", .bool)
      .field("supply_responsibility", .bool)
      .field("accepted_at", .datetime, .required)
      .field("appointment_at", .datetime)
      .field("closed_at", .datetime)
      .field("return_visited_at", .datetime)
      .field("return_visit_satisfied", .bool)
      .field("next_due_at", .datetime)
      .field("snapshot", .string, .required)
      .field("clocks", .string, .required)
      .field("unit_id", .uuid, .required, .references(OrgUnit.schema, "id"))
      .field("created_by", .uuid, .required, .references(User.schema, "id"))
      .field("parent_id", .uuid, .references(WorkOrder.schema, "id"))
      .field("created_at", .datetime)
      .field("updated_at", .datetime)
      .unique(on: "number")
      .create()
    try await database.schema(WorkOrderEvent.schema)
      .id()
      .field("order_id", .uuid, .required, .references(WorkOrder.schema, "id"))
      .field("at", .datetime, .required)
      .field("action", .string, .required)
      .field("from_state", .string, .required)
      .field("to_state", .string, .required)
      .field("actor_name", .string, .required)
      .field("note", .string)
      .create()
    // The SLA sweep and the queues read by these columns.
    if let sql = database as? any SQLDatabase {
      try await sql.create(index: "work_orders_next_due_at").on(WorkOrder.schema).column("next_due_at").run()
      try await sql.create(index: "work_orders_unit_state").on(WorkOrder.schema).column("unit_id").column("state").run()
      try await sql.create(index: "work_orders_customer_account").on(WorkOrder.schema).column("customer_account").run()
      try await sql.create(index: "work_orders_customer_phone").on(WorkOrder.schema).column("customer_phone").run()
      try await sql.create(index: "work_order_events_order").on(WorkOrderEvent.schema).column("order_id").run()
    }
  }

  func revert(on database: any Database) async throws {
    try await database.schema(WorkOrderEvent.schema).delete()
    try await database.schema(WorkOrder.schema).delete()
  }
}
