import Foundation

/// How stations are inspected (明查暗访) and how findings are rectified: rules INSP-MONTHLY,
/// INSP-DEADLINE and INSP-REMINDER in docs/rules/inspections.md.
public struct InspectionRules: Sendable, Equatable {
  /// INSP-MONTHLY: inspections each station needs per calendar month (Beijing time).
  public var visitsPerStationPerMonth: Int
  /// INSP-DEADLINE: calendar days a finding gets for rectification unless the inspector sets another deadline.
  public var rectificationDays: Int
  /// INSP-DEADLINE: the longest deadline an inspector may set, in calendar days after the visit.
  public var maxRectificationDays: Int
  /// INSP-REMINDER: calendar days before the deadline the responsible people are reminded of an open finding.
  public var reminderDaysBefore: Int

  public init(visitsPerStationPerMonth: Int, rectificationDays: Int, maxRectificationDays: Int, reminderDaysBefore: Int) {
    self.visitsPerStationPerMonth = visitsPerStationPerMonth
    self.rectificationDays = rectificationDays
    self.maxRectificationDays = maxRectificationDays
    self.reminderDaysBefore = reminderDaysBefore
  }

  public static let standard = InspectionRules(
    visitsPerStationPerMonth: 1, rectificationDays: 7, maxRectificationDays: 90, reminderDaysBefore: 2)

  /// INSP-MONTHLY: the stations (by id) inspected fewer times this month than the rule asks, in the order given.
  public func uninspected<ID: Hashable>(stations: [ID], visits: [ID: Int]) -> [ID] {
    stations.filter { (visits[$0] ?? 0) < visitsPerStationPerMonth }
  }

  /// INSP-DEADLINE: the deadline of a finding recorded on `visit` (a civil day), or why the chosen one is refused.
  public func deadline(visit: CivilDate, chosen: CivilDate?) -> Result<CivilDate, DeadlineProblem> {
    guard let chosen else { return .success(visit.adding(days: rectificationDays)) }
    if chosen < visit { return .failure(.beforeVisit) }
    if chosen > visit.adding(days: maxRectificationDays) { return .failure(.tooLate(maxDays: maxRectificationDays)) }
    return .success(chosen)
  }

  public enum DeadlineProblem: Error, Equatable, Sendable {
    case beforeVisit
    case tooLate(maxDays: Int)
  }

  /// INSP-REMINDER: whether an open finding is due its reminder on `today`: within `reminderDaysBefore` days of the
  /// deadline and not yet past it.
  public func remindOn(today: CivilDate, deadline: CivilDate) -> Bool {
    today <= deadline && today >= deadline.adding(days: -reminderDaysBefore)
  }
}

/// How an inspection was made (INSP-CHECKLIST).
public enum InspectionMethod: String, Codable, Sendable, CaseIterable {
  /// 明查: announced visit.
  case announced
  /// 暗访: unannounced visit, the inspector not known as such.
  case unannounced
  /// 电话抽查: a test call to the station's phone.
  case phone
}

/// One item of the checklist, seeded from the company's quality-service rules (INSP-CHECKLIST).
public struct ChecklistItem: Sendable, Equatable {
  public let code: String
  public let name: String

  public init(code: String, name: String) {
    self.code = code
    self.name = name
  }
}

public enum InspectionChecklist {
  /// INSP-CHECKLIST: what every inspection checks, in the order the form lists it.
  public static let standard: [ChecklistItem] = [
    .init(code: "hall-tidy", name: "营业厅厅容厅貌、环境卫生干净整洁，厅内无私人物品"),
    .init(code: "open-all-year", name: "执行全年无休息日营业制度"),
    .init(code: "phone-four-rings", name: "电话铃响 4 声内接听，使用“您好，这里是……请讲”等规范用语"),
    .init(code: "badge-uniform", name: "营业人员挂牌上岗，着装整洁"),
    .init(code: "attitude", name: "服务态度热情，文明礼貌"),
    .init(code: "duty-95598", name: "95598 值班制度执行规范，答复得当，闭环及时"),
    .init(code: "repair-24h", name: "24 小时值班抢修制度执行到位"),
    .init(code: "tools-spares", name: "值班室和抢修工器具、备件库按规定摆放并及时补齐"),
    .init(code: "leaflets", name: "客户宣传资料齐全"),
    .init(code: "home-service", name: "上门服务、便民服务措施按时开展，服务人性化"),
  ]
}

/// Where a finding stands (INSP-FINDING).
public enum FindingState: String, Codable, Sendable, CaseIterable {
  /// Recorded; the responsible unit must rectify it by the deadline.
  case open
  /// The unit says it is rectified and has given its evidence; the inspector checks.
  case rectified
  /// The inspector checked the rectification and closed the finding.
  case closed
}

/// What may be done to a finding, and by whom (INSP-FINDING).
public enum FindingAction: String, Codable, Sendable, CaseIterable {
  /// The responsible unit reports the rectification with its evidence.
  case rectify
  /// The inspector accepts the rectification.
  case close
  /// The inspector does not accept it: the finding is open again, with the reason.
  case reopen

  public func next(from state: FindingState) -> FindingState? {
    switch (self, state) {
    case (.rectify, .open): .rectified
    case (.close, .rectified): .closed
    case (.reopen, .rectified): .open
    default: nil
    }
  }
}

extension FindingState {
  /// INSP-FINDING: an open finding past its deadline (the whole deadline day counts) is overdue.
  public func isOverdue(deadline: CivilDate, today: CivilDate) -> Bool {
    self == .open && today > deadline
  }
}

/// INSP-PHOTOS: photos of a finding or its rectification: JPEG or PNG whose content matches, at most 20 MB each.
public enum FindingPhotoPolicy {
  public static let standard = AttachmentPolicy(
    maxBytes: AttachmentPolicy.standard.maxBytes,
    allowed: AttachmentPolicy.standardTypes.filter { ["jpg", "jpeg", "png"].contains($0.key) })
}

/// INSP-ROLES: who reads inspections and who rectifies findings (inspectors and admins record and close).
public enum InspectionRoles {
  public static let readers: Set<Role> = [.admin, .inspector, .leader, .reviewer, .lead, .handler, .staff]
  public static let rectifiers: Set<Role> = [.admin, .lead, .handler, .staff]
}
