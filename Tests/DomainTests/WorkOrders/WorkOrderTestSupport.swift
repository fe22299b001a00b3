import Foundation
import Testing

@testable import Domain

/// Helpers shared by the work-order tests. Times are Beijing time; 2026-03-09 is a Monday.
enum WO {
  static let calendar = StateCouncilSchedules.calendar

  static func t(_ text: String) -> Date {
    let full = text.contains("T") ? text : text + "T00:00:00"
    return instant(full.contains("+") || full.hasSuffix("Z") ? full : full + "+08:00")
  }

  static func iso(_ date: Date?) -> String? { date.map(BusinessTime.iso8601) }

  /// A fixed id named for a test ("u1", "s7"): the name's bytes, zero-padded to 16.
  static func id(_ name: String) -> UUID {
    var b = [UInt8](repeating: 0, count: 16)
    for (i, byte) in name.utf8.prefix(16).enumerated() { b[i] = byte }
    return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
  }

  static func order(
    _ type: OrderType, kind: ServiceRequestKind? = nil, channel: Channel = .phone95598,
    area: AreaClass = .urban, severity: Severity = .general, id: UUID = WO.id("WO-1")
  ) -> WorkflowSnapshot {
    WorkflowSnapshot(
      orderID: id, profile: OrderProfile(type: type, serviceKind: kind, channel: channel, area: area),
      severity: severity)
  }

  /// Applies a script of moves, returning every outcome.
  @discardableResult
  static func run(
    _ order: WorkflowSnapshot, _ steps: [(WorkOrderAction, Set<Role>, String)],
    workflow: Workflow = .standard, person: UUID? = nil
  ) throws -> [WorkflowOutcome] {
    var current = order
    var outcomes: [WorkflowOutcome] = []
    for (action, roles, at) in steps {
      let outcome = try workflow.apply(action, to: current, by: roles, person: person, at: t(at))
      outcomes.append(outcome)
      current = outcome.snapshot
    }
    return outcomes
  }

  static func starts(_ o: WorkflowOutcome) -> [StageClock: String] {
    var out: [StageClock: String] = [:]
    for case .start(let stage, _, let due) in o.clockEffects { out[stage] = iso(due) }
    return out
  }

  static func stops(_ o: WorkflowOutcome) -> Set<StageClock> {
    var out: Set<StageClock> = []
    for effect in o.clockEffects {
      switch effect {
      case .stop(let stage), .end(let stage): out.insert(stage)
      default: continue
      }
    }
    return out
  }
}

extension WO {
  /// A complaint dispatched on Monday 2026-03-09 09:30: first contact due Wed 00:00, reply due Sat 00:00.
  static let dispatchedComplaint: [(WorkOrderAction, Set<Role>, String)] = [
    (.accept, [.agent], "2026-03-09T09:00:00"),
    (.approveIntake, [.lead], "2026-03-09T09:10:00"),
    (.dispatch(unitID: WO.id("station-7")), [.agent], "2026-03-09T09:30:00"),
  ]

  static let contacted = dispatchedComplaint + [(.recordFirstContact, [.handler], "2026-03-09T15:00:00")]
}
