import Foundation

/// The states of an accountability case (考核事项) (ACC-CASE-STATES).
public enum CaseState: String, Codable, Sendable, CaseIterable {
  case proposed
  case submitted
  case sentBack = "sent_back"
  case approved
  case deducting
  case settled
  case withdrawn

  public var isFinal: Bool { self == .settled || self == .withdrawn }
}

/// The four don'ts (四不放过) (ACC-FOUR-DONTS): a case is not settled until each is recorded.
public struct FourDonts: Hashable, Codable, Sendable {
  /// 原因已查清
  public var causeEstablished: String
  /// 责任人已受到教育
  public var personEducated: String
  /// 已采取整改措施
  public var correctiveMeasure: String
  /// 责任人已受到处理
  public var personDealtWith: String

  public init(causeEstablished: String = "", personEducated: String = "", correctiveMeasure: String = "", personDealtWith: String = "") {
    self.causeEstablished = causeEstablished
    self.personEducated = personEducated
    self.correctiveMeasure = correctiveMeasure
    self.personDealtWith = personDealtWith
  }

  public static let fields = ["causeEstablished", "personEducated", "correctiveMeasure", "personDealtWith"]

  /// The fields not yet recorded, in the order of `fields`.
  public var missing: [String] {
    zip(Self.fields, [causeEstablished, personEducated, correctiveMeasure, personDealtWith])
      .filter { $0.1.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }.map(\.0)
  }
}

/// What a person does to a case (ACC-CASE-STATES).
public enum CaseAction: String, Codable, Sendable, CaseIterable {
  /// Marketing puts the case into its unit's half-yearly batch.
  case submit
  /// The leadership group approves the batch the case is in.
  case approve
  /// The leadership group sends the case back to Marketing.
  case sendBack = "send_back"
  /// The first deduction was taken (written by the ledger, not by a person).
  case startDeducting = "start_deducting"
  /// Marketing closes a fully deducted case whose four don'ts are recorded.
  case settle
  /// The verification was overturned.
  case withdraw

  /// Who may take the action (ACC-CASE-ROLES); nil: only the system.
  public var role: Role? {
    switch self {
    case .submit, .settle, .withdraw: return .reviewer
    case .approve, .sendBack: return .leader
    case .startDeducting: return nil
    }
  }
}

public enum CaseRefusal: Error, Hashable, Sendable {
  case notAllowedInState(CaseState, CaseAction)
  /// The four don'ts named are not recorded yet.
  case fourDontsMissing([String])
  /// Money is still owed.
  case notFullyDeducted
  case reasonRequired
}

/// The case state machine (ACC-CASE-STATES, ACC-FOUR-DONTS).
public enum CaseWorkflow {
  /// Which states each action leaves from.
  public static func from(_ action: CaseAction) -> Set<CaseState> {
    switch action {
    case .submit: return [.proposed, .sentBack]
    case .approve, .sendBack: return [.submitted]
    case .startDeducting: return [.approved]
    case .settle: return [.approved, .deducting]
    case .withdraw: return [.proposed, .submitted, .sentBack, .approved, .deducting]
    }
  }

  public static func target(of action: CaseAction) -> CaseState {
    switch action {
    case .submit: return .submitted
    case .approve: return .approved
    case .sendBack: return .sentBack
    case .startDeducting: return .deducting
    case .settle: return .settled
    case .withdraw: return .withdrawn
    }
  }

  /// The state after `action`, or why it is refused. `fullyDeducted`: every approved charge of the
  /// case owes nothing any more.
  public static func next(
    _ state: CaseState, _ action: CaseAction, fourDonts: FourDonts, fullyDeducted: Bool, reason: String = ""
  ) -> Result<CaseState, CaseRefusal> {
    guard from(action).contains(state) else { return .failure(.notAllowedInState(state, action)) }
    switch action {
    case .settle:
      let missing = fourDonts.missing
      if !missing.isEmpty { return .failure(.fourDontsMissing(missing)) }
      if !fullyDeducted { return .failure(.notFullyDeducted) }
    case .withdraw, .sendBack:
      if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .failure(.reasonRequired) }
    default: break
    }
    return .success(target(of: action))
  }

  /// Proposed lines may be changed only before submission or after being sent back.
  public static func linesEditable(_ state: CaseState) -> Bool { state == .proposed || state == .sentBack }
}

/// The half-year a batch belongs to (ACC-BATCH): Marketing proposes assessments per unit twice a year.
public struct HalfYear: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
  public let year: Int
  /// 1: January–June, 2: July–December.
  public let half: Int

  public init?(year: Int, half: Int) {
    guard (2000...9999).contains(year), half == 1 || half == 2 else { return nil }
    self.year = year
    self.half = half
  }

  public init(_ day: CivilDate) {
    year = day.year
    half = day.month <= 6 ? 1 : 2
  }

  /// Parses `2026H1`.
  public init?(code: String) {
    let parts = code.split(separator: "H", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let half = Int(parts[1]) else { return nil }
    self.init(year: year, half: half)
  }

  public var description: String { "\(year)H\(half)" }

  public static func < (lhs: HalfYear, rhs: HalfYear) -> Bool { (lhs.year, lhs.half) < (rhs.year, rhs.half) }
}
