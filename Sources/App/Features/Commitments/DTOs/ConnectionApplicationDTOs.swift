import Domain
import Foundation
import Vapor

/// A connection application as the API shows it, with its stages, waits and clocks
/// (COM-APPLICATION, COM-CLOCKS).
struct ConnectionApplicationDTO: Content {
  struct Stage: Content {
    let stage: String
    let startedAt: Date?
    let finishedAt: Date?
  }
  struct Wait: Content {
    let startedAt: Date
    let endedAt: Date?
    let reason: String
  }
  struct Clock: Content {
    let rule: String
    let name: String
    let dueAt: Date
    let doneAt: Date?
    let state: String
    let lateSeconds: Double
    let elapsedFraction: Double
  }
  let id: UUID
  let number: String
  let version: Int
  let kind: String
  let customerAccount: String
  let customerName: String
  let customerPhone: String?
  let connectionClass: String
  let voltage: String
  let capacityKw: Double
  let acceptanceLevel: String
  let unitId: UUID
  let ruleVersion: Int
  let onTime: Bool
  let stages: [Stage]
  let waits: [Wait]
  let clocks: [Clock]

  /// Phones in full for those who keep applications, masked for the others (ORG-MASK-PHONE).
  init(_ judged: ConnectionApplications.Judged, fullPhone: Bool) throws {
    let a = judged.application
    id = try a.requireID()
    number = a.number
    version = a.version
    kind = a.kind.rawValue
    customerAccount = a.customerAccount
    customerName = a.customerName
    customerPhone = a.customerPhone.map { fullPhone ? $0 : DisplayFormat.maskedPhone($0) }
    connectionClass = a.connectionClass.rawValue
    voltage = a.voltage.rawValue
    capacityKw = a.capacityKW
    acceptanceLevel = a.acceptanceLevel.rawValue
    unitId = a.$unit.id
    ruleVersion = a.ruleVersion
    onTime = judged.onTime
    stages = judged.stages.map { Stage(stage: $0.stage.rawValue, startedAt: $0.startedAt, finishedAt: $0.finishedAt) }
    waits = judged.waits.map { Wait(startedAt: $0.startedAt, endedAt: $0.endedAt, reason: $0.reason) }
    let names = Dictionary(judged.rules.rules.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
    clocks = judged.readings.map {
      Clock(
        rule: $0.code, name: names[$0.code] ?? $0.code, dueAt: $0.dueAt, doneAt: $0.doneAt, state: $0.state.rawValue,
        lateSeconds: $0.lateSeconds, elapsedFraction: $0.elapsedFraction)
    }
  }
}

struct NewConnectionApplicationRequest: Content {
  let kind: String?
  let customerAccount: String?
  let customerName: String?
  let customerPhone: String?
  let connectionClass: String?
  let voltage: String?
  let capacityKw: Double?
  let unitId: String?
  let acceptedAt: String?
}

struct ConnectionStageRequest: Content {
  let stage: String?
  let startedAt: String?
  let finishedAt: String?
  let version: Int?
}

struct ConnectionWaitRequest: Content {
  let reason: String?
  let at: String?
  let version: Int?
}

/// One breach of a commitment (COM-BREACHES): the rule, the record, its deadline, when it was
/// done (null while overdue) and how late.
struct CommitmentBreachDTO: Content {
  let rule: String
  let recordId: UUID
  let recordNumber: String
  let dueAt: Date
  let doneAt: Date?
  let lateSeconds: Double
  let unitId: UUID
}
