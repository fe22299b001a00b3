import Domain
import Fluent
import Foundation
import Vapor

/// JSON lines for exchange with the national 95598 platform (WO-EXCHANGE): export orders one JSON
/// object per line, and import orders taken elsewhere — one create request per line, all or
/// nothing, every bad line named.
enum WorkOrderExchange {
  /// Who may take whole order sets out (leads and Marketing) and bring them in: importing
  /// accepts orders, which is the agents' move.
  static let exportRoles: Set<Role> = [.admin, .lead, .reviewer]
  static let importRoles: Set<Role> = [.admin, .agent]
  static let maxLines = 10_000

  static func requireRole(_ actor: Actor, _ roles: Set<Role>) throws {
    guard !roles.isDisjoint(with: actor.roles) else { throw AppError.forbidden }
  }

  static func export(_ orders: [WorkOrder], actor: Actor, workflow: Workflow, now: Date) throws -> Data {
    let encoder = JSONCoding.encoder()
    var out = Data()
    for order in orders {
      out += try encoder.encode(WorkOrderPresenter.dto(order, actor: actor, workflow: workflow, now: now, maskPhone: false))
      out.append(0x0A)
    }
    return out
  }

  /// Fault repairs from customers under an active outage are attached to it as at intake
  /// (OUT-GROUPED-CALLS).
  static func importLines(
    _ data: Data, actor: Actor, repairs: RepairObservers, on db: any Database, now: Date
  ) async throws -> [WorkOrder] {
    try requireRole(actor, importRoles)
    try NulCharacters.refuse(in: data, format: .json)
    let decoder = JSONCoding.decoder()
    var requests: [(line: Int, request: WorkOrderCreateRequest)] = []
    var problems: [ImportFailure.Line] = []
    for (index, raw) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
      let line = index + 1
      guard !raw.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) else { continue }
      do {
        requests.append((line, try decoder.decode(WorkOrderCreateRequest.self, from: Data(raw))))
      } catch {
        problems.append(.init(line: line, field: "line", key: "exchange.error.json", args: []))
      }
    }
    guard problems.isEmpty else { throw ImportFailure(lines: problems).appError }
    guard !requests.isEmpty else { throw AppError.invalid("body", "import.error.empty") }
    guard requests.count <= maxLines else { throw AppError.invalid("body", "exchange.error.too_many", String(maxLines)) }
    let accepted = requests
    return try await db.transaction { tx in
      var created: [WorkOrder] = []
      var problems: [ImportFailure.Line] = []
      let workflow = try await WorkOrderFlow.workflow(on: tx)
      for (line, request) in accepted {
        do {
          created.append(
            try await WorkOrderIntake.create(request.input, actor: actor, workflow: workflow, repairs: repairs, on: tx, now: now))
        } catch let failure as ValidationFailure {
          for message in failure.errors.messages {
            problems.append(.init(line: line, field: message.field, key: message.key, args: message.args))
          }
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .forbidden {
          problems.append(.init(line: line, field: error.field ?? "line", key: error.messageKey, args: error.args))
        } catch let refusal as WorkflowRefusal {
          let error = refusal.appError
          problems.append(.init(line: line, field: error.field ?? "line", key: error.messageKey, args: error.args))
        }
      }
      // Any bad line rolls the whole file back.
      if !problems.isEmpty { throw ImportFailure(lines: problems).appError }
      return created
    }
  }
}
