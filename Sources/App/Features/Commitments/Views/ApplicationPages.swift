import Domain
import Vapor

/// The connection application pages' view models (COM-APPLICATION): the list with each
/// application's on-time state, the intake form, and an application with its stages, clocks and
/// waits.
enum ApplicationPages {
  struct Row: Encodable {
    let number: String
    let href: String
    let customer: String
    let classKey: String
    let capacity: String
    let levelKey: String
    let unit: String
    let accepted: String
    let stateKey: String
    let stateClass: String
  }

  struct ListPage: Encodable {
    let chrome: Chrome
    let rows: [Row]
    let canKeep: Bool
    let newHref: String
    let rulesHref: String
  }

  /// An application's overall state: a breach anywhere, a clock past three quarters of its time,
  /// all done on time, or under way.
  static func state(_ judged: ConnectionApplications.Judged) -> (key: String, cssClass: String) {
    if !judged.onTime { return ("commitments.state.late", "warn") }
    if judged.readings.contains(where: { $0.state == .running && $0.elapsedFraction >= 0.75 }) {
      return ("commitments.state.at_risk", "warn")
    }
    if !judged.readings.isEmpty, judged.readings.allSatisfy({ $0.state == .onTime }),
      judged.stages.contains(where: { $0.stage == .energising && $0.finishedAt != nil })
    {
      return ("commitments.state.on_time", "ok")
    }
    return ("commitments.state.running", "")
  }

  static func row(_ judged: ConnectionApplications.Judged) -> Row {
    let application = judged.application
    let state = state(judged)
    let accepted = judged.stages.first { $0.stage == .acceptance }?.finishedAt ?? application.createdAt
    return Row(
      number: application.number, href: Paths.connectionApplication.link(application.id ?? UUID()),
      customer: "\(application.customerName)（\(application.customerAccount)）",
      classKey: "commitments.class.\(application.connectionClass.rawValue)", capacity: String(format: "%g", application.capacityKW),
      levelKey: "commitments.level.\(application.acceptanceLevel.rawValue)", unit: application.unit.name,
      accepted: DisplayFormat.dateTime(accepted), stateKey: state.key, stateClass: state.cssClass)
  }

  struct FormPage: Encodable {
    let chrome: Chrome
    let kinds: [Choice]
    let classes: [Choice]
    let voltages: [Choice]
    let units: [Choice]
    let values: [String: String]
    let errors: [String: String]
    let action: String
  }

  struct StageRow: Encodable {
    let stageKey: String
    let started: String
    let finished: String
    let recordedBy: String
  }

  struct ClockRow: Encodable {
    let name: String
    let due: String
    let done: String
    let stateKey: String
    let stateClass: String
    let late: String
    let used: String
  }

  struct WaitRow: Encodable {
    let started: String
    let ended: String
    let reason: String
  }

  struct ShowPage: Encodable {
    let chrome: Chrome
    let number: String
    let version: Int
    let customer: String
    let phone: String
    let kindKey: String
    let classKey: String
    let voltage: String
    let capacity: String
    let levelKey: String
    let unit: String
    let edition: String
    let stateKey: String
    let stateClass: String
    let stages: [StageRow]
    let clocks: [ClockRow]
    let waits: [WaitRow]
    let waiting: Bool
    let canKeep: Bool
    let stageChoices: [Choice]
    let stageAction: String
    let waitAction: String
    let values: [String: String]
    let errors: [String: String]
  }

  /// "2 天 3 小时": how late, in days and hours (minutes under an hour).
  static func lateness(_ seconds: TimeInterval, _ req: Request) -> String {
    guard seconds > 0 else { return "" }
    let minutes = Int((seconds / 60).rounded(.up))
    if minutes < 60 { return req.t("commitments.late_minutes", String(minutes)) }
    let hours = minutes / 60
    return hours < 24
      ? req.t("commitments.late_hours", String(hours)) : req.t("commitments.late_days", String(hours / 24), String(hours % 24))
  }

  static func show(
    _ req: Request, _ judged: ConnectionApplications.Judged, values: [String: String] = [:], errors: FieldErrors = .init(),
    status: HTTPStatus = .ok
  ) async throws -> Response {
    let actor = try req.actor
    let application = judged.application
    let id = try application.requireID()
    let names = Dictionary(judged.rules.rules.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    let state = state(judged)
    let recorded = Dictionary(judged.stages.map { ($0.stage, $0) }, uniquingKeysWith: { a, _ in a })
    let stages = CommitmentStage.connection.map { stage in
      let row = recorded[stage]
      return StageRow(
        stageKey: "commitments.stage.\(stage.rawValue)", started: row?.startedAt.map(DisplayFormat.dateTime) ?? "",
        finished: row?.finishedAt.map(DisplayFormat.dateTime) ?? "", recordedBy: row?.recordedBy ?? "")
    }
    let clocks = judged.readings.map { reading in
      ClockRow(
        name: names[reading.code] ?? reading.code, due: DisplayFormat.dateTime(reading.dueAt),
        done: reading.doneAt.map(DisplayFormat.dateTime) ?? "", stateKey: "commitments.clock_state.\(reading.state.rawValue)",
        stateClass: reading.isBreach ? "warn" : (reading.state == .onTime ? "ok" : ""), late: lateness(reading.lateSeconds, req),
        used: reading.state == .running ? String(format: "%.0f%%", min(reading.elapsedFraction, 9.99) * 100) : "")
    }
    let waits = judged.waits.map {
      WaitRow(started: DisplayFormat.dateTime($0.startedAt), ended: $0.endedAt.map(DisplayFormat.dateTime) ?? "", reason: $0.reason)
    }
    let stageChoices = CommitmentStage.connection.dropFirst().map {
      Choice(value: $0.rawValue, labelKey: "commitments.stage.\($0.rawValue)", selected: values["stage"] == $0.rawValue)
    }
    let page = ShowPage(
      chrome: try await .make(for: req, titleKey: "commitments.application_title"), number: application.number,
      version: application.version, customer: "\(application.customerName)（\(application.customerAccount)）",
      phone: application.customerPhone.map { actor.isAdmin || ConnectionApplications.canKeep(actor) ? $0 : DisplayFormat.maskedPhone($0) }
        ?? "",
      kindKey: "commitments.kind.\(application.kind.rawValue)", classKey: "commitments.class.\(application.connectionClass.rawValue)",
      voltage: application.voltage.rawValue, capacity: String(format: "%g", application.capacityKW),
      levelKey: "commitments.level.\(application.acceptanceLevel.rawValue)", unit: application.unit.name, edition: judged.rules.edition,
      stateKey: state.key, stateClass: state.cssClass, stages: stages, clocks: clocks, waits: waits,
      waiting: judged.waits.contains { $0.endedAt == nil }, canKeep: ConnectionApplications.canKeep(actor), stageChoices: stageChoices,
      stageAction: Paths.connectionApplicationStage.link(id), waitAction: Paths.connectionApplicationWait.link(id), values: values,
      errors: errors.localized(req.application.localizer, req.locale))
    return try await req.page("commitments/application", page, status: status)
  }
}
