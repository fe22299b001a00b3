import Foundation

/// The three parts of a staff scorecard (ACC-SCORE-COMPONENTS).
public enum ScoreComponent: String, Codable, Sendable, CaseIterable {
  case serviceQuality = "service_quality"
  case abilityAttitude = "ability_attitude"
  case safety
}

/// What a point on a scorecard comes from (ACC-SCORE-EVIDENCE): a record Wanjia holds (a verified
/// complaint by its cause, an unsatisfied return visit, an overdue stage, an inspection finding)
/// or an imported result (training, safety).
public enum ScoreEvidenceKind: String, Codable, Sendable, CaseIterable {
  /// A verified complaint with a line for the person, cause work-quality error without loss.
  case complaintQuality = "complaint_quality"
  /// … cause work-quality error with customer loss.
  case complaintQualityLoss = "complaint_quality_loss"
  /// … cause poor attitude.
  case complaintAttitude = "complaint_attitude"
  /// … cause abusive conduct.
  case complaintAbusive = "complaint_abusive"
  /// … a cause of the company's own rule sets (ten prohibitions, ten commitments).
  case complaintCompanyRule = "complaint_company_rule"
  /// A return visit on an order the person handled found the customer unsatisfied.
  case returnVisitUnsatisfied = "return_visit_unsatisfied"
  /// A stage of an order the person handled went past its deadline.
  case overdueStage = "overdue_stage"
  /// An inspection finding naming the person responsible.
  case finding
  /// … not rectified by its deadline.
  case findingOverdue = "finding_overdue"
  /// An imported training (ability) result, 0–100.
  case trainingResult = "training_result"
  /// An imported safety result, 0–100.
  case safetyResult = "safety_result"

  /// Imported results are the base of a component; everything else deducts.
  public var isImported: Bool { self == .trainingResult || self == .safetyResult }

  /// The general cause a complaint kind stands for.
  public static func complaint(_ cause: GeneralCause?) -> ScoreEvidenceKind {
    switch cause {
    case .qualityError?: return .complaintQuality
    case .qualityErrorWithLoss?: return .complaintQualityLoss
    case .poorAttitude?: return .complaintAttitude
    case .abusiveConduct?: return .complaintAbusive
    case nil: return .complaintCompanyRule
    }
  }
}

/// One record behind a point: its kind, the day it counts on, and an opaque reference the
/// application turns into a link (ACC-SCORE-EVIDENCE).
public struct ScoreEvidence: Hashable, Sendable {
  public let kind: ScoreEvidenceKind
  public let day: CivilDate
  /// The record: a kind-specific identifier (an order, a finding, an imported row).
  public let reference: UUID
  /// What the page shows for the record (an order number, a finding's text, an exam's title).
  public let label: String
  /// For an imported result: the score in tenths of a point (0–1000).
  public let scoreTenths: Int?

  public init(kind: ScoreEvidenceKind, day: CivilDate, reference: UUID, label: String, scoreTenths: Int? = nil) {
    self.kind = kind
    self.day = day
    self.reference = reference
    self.label = label
    self.scoreTenths = scoreTenths
  }
}

/// The grade of a total (ACC-SCORE-GRADES).
public enum ScoreGrade: String, Codable, Sendable, CaseIterable {
  case excellent, pass, fail
}

/// The configuration of the scorecards (ACC-SCORE-RULES): per component its cadence, weight, the
/// imported result it starts from and the points each kind of record deducts; the grade
/// boundaries.
public struct ScorecardRules: Hashable, Codable, Sendable {
  public struct Deduction: Hashable, Codable, Sendable {
    public var kind: ScoreEvidenceKind
    /// Points (whole) deducted per record.
    public var points: Int

    public init(kind: ScoreEvidenceKind, points: Int) {
      self.kind = kind
      self.points = points
    }
  }

  public struct Component: Hashable, Codable, Sendable {
    public var component: ScoreComponent
    public var cadence: ScoreCadence
    /// Relative weight, in per cent of the total.
    public var weight: Int
    /// The imported result whose mean is the starting score; without one (or with none imported
    /// in the period) the component starts at 100.
    public var base: ScoreEvidenceKind?
    public var deductions: [Deduction]

    public init(component: ScoreComponent, cadence: ScoreCadence, weight: Int, base: ScoreEvidenceKind?, deductions: [Deduction]) {
      self.component = component
      self.cadence = cadence
      self.weight = weight
      self.base = base
      self.deductions = deductions
    }

    public func points(for kind: ScoreEvidenceKind) -> Int? { deductions.first { $0.kind == kind }?.points }
  }

  public var components: [Component]
  /// A total at or above this is excellent.
  public var excellentFrom: Int
  /// A total at or above this (and below `excellentFrom`) passes; below it fails.
  public var passFrom: Int

  public init(components: [Component], excellentFrom: Int, passFrom: Int) {
    self.components = components
    self.excellentFrom = excellentFrom
    self.passFrom = passFrom
  }

  /// ACC-SCORE-GRADES: ≥ excellentFrom excellent, ≥ passFrom pass, else fail (total in tenths).
  public func grade(totalTenths: Int) -> ScoreGrade {
    if totalTenths >= excellentFrom * 10 { return .excellent }
    if totalTenths >= passFrom * 10 { return .pass }
    return .fail
  }

  /// The first unusable field of an administrator's rules, as a path; nil if they are sound.
  public func problem() -> String? {
    for component in ScoreComponent.allCases where components.filter({ $0.component == component }).count != 1 {
      return "components.\(component.rawValue)"
    }
    for component in components {
      let path = "components.\(component.component.rawValue)"
      if !(0...100).contains(component.weight) { return "\(path).weight" }
      if let base = component.base, !base.isImported { return "\(path).base" }
      var kinds = Set<ScoreEvidenceKind>()
      for deduction in component.deductions {
        if deduction.kind.isImported || !kinds.insert(deduction.kind).inserted { return "\(path).deductions.\(deduction.kind.rawValue)" }
        if !(0...100).contains(deduction.points) { return "\(path).deductions.\(deduction.kind.rawValue).points" }
      }
    }
    if components.reduce(0, { $0 + $1.weight }) != 100 { return "components.weight" }
    if !(1...100).contains(passFrom) { return "passFrom" }
    if excellentFrom <= passFrom || excellentFrom > 100 { return "excellentFrom" }
    return nil
  }
}

/// A computed scorecard (ACC-SCORE-TOTAL).
public struct Scorecard: Hashable, Sendable {
  /// One line of a component: an imported result it starts from, or a deduction, with its record.
  public struct Point: Hashable, Sendable {
    public let evidence: ScoreEvidence
    /// Tenths of a point: the imported score (positive) or the deduction (negative).
    public let tenths: Int
  }

  public struct Part: Hashable, Sendable {
    public let component: ScoreComponent
    public let cadence: ScoreCadence
    public let weight: Int
    /// The starting score in tenths: the mean of the imported results, or 1000.
    public let baseTenths: Int
    /// The imported results the base is the mean of (empty: full marks).
    public let basis: [Point]
    public let deductions: [Point]
    /// base minus deductions, never below 0, in tenths.
    public let scoreTenths: Int
  }

  public let period: ScorePeriod
  public let parts: [Part]
  public let totalTenths: Int
  public let grade: ScoreGrade

  /// ACC-SCORE-PERIODS, ACC-SCORE-TOTAL: the components whose cadence fits the period, each from
  /// its base less its deductions for the records of the period; the total their weighted mean.
  public static func compute(period: ScorePeriod, evidence: [ScoreEvidence], rules: ScorecardRules) -> Scorecard {
    let inPeriod = evidence.filter { period.contains($0.day) }.sorted {
      ($0.day, $0.kind.rawValue, $0.label) < ($1.day, $1.kind.rawValue, $1.label)
    }
    var parts: [Part] = []
    for component in ScoreComponent.allCases {
      guard let rule = rules.components.first(where: { $0.component == component }), rule.cadence <= period.cadence else { continue }
      let basis = inPeriod.filter { $0.kind == rule.base && rule.base != nil }.map {
        Point(evidence: $0, tenths: min(1000, max(0, $0.scoreTenths ?? 0)))
      }
      let base = basis.isEmpty ? 1000 : Int((Double(basis.reduce(0) { $0 + $1.tenths }) / Double(basis.count)).rounded())
      let deductions = inPeriod.compactMap { item -> Point? in
        guard let points = rule.points(for: item.kind), points > 0 else { return nil }
        return Point(evidence: item, tenths: -points * 10)
      }
      let score = max(0, base + deductions.reduce(0) { $0 + $1.tenths })
      parts.append(
        Part(
          component: component, cadence: rule.cadence, weight: rule.weight, baseTenths: base, basis: basis, deductions: deductions,
          scoreTenths: score))
    }
    let weights = parts.reduce(0) { $0 + $1.weight }
    let total: Int
    if weights > 0 {
      total = Int((Double(parts.reduce(0) { $0 + $1.scoreTenths * $1.weight }) / Double(weights)).rounded())
    } else {
      total = parts.isEmpty ? 1000 : parts.reduce(0) { $0 + $1.scoreTenths } / parts.count
    }
    return Scorecard(period: period, parts: parts, totalTenths: total, grade: rules.grade(totalTenths: total))
  }
}

/// A numbered version of the scorecard rules and the day it takes effect (ACC-SCORE-RULES).
public typealias ScorecardRuleVersion = RuleVersion<ScorecardRules>

extension ScorecardRules: RuleDocument {}

extension RuleVersion where Rules == ScorecardRules {
  /// The version a period is scored under: the latest in force on the period's first day.
  public static func inForce(for period: ScorePeriod, among versions: [Self]) -> Self? {
    inForce(on: period.first, among: versions)
  }
}

extension ScorecardRules {
  /// The shipped rules (ACC-SCORE-COMPONENTS, ACC-SCORE-GRADES): weights 50/30/20; ≥ 80
  /// excellent, ≥ 60 pass.
  public static let `default` = ScorecardRules(
    components: [
      Component(
        component: .serviceQuality, cadence: .month, weight: 50, base: nil,
        deductions: [
          Deduction(kind: .complaintQuality, points: 10), Deduction(kind: .complaintQualityLoss, points: 15),
          Deduction(kind: .complaintCompanyRule, points: 10), Deduction(kind: .returnVisitUnsatisfied, points: 5),
          Deduction(kind: .overdueStage, points: 3), Deduction(kind: .finding, points: 2), Deduction(kind: .findingOverdue, points: 5),
        ]),
      Component(
        component: .abilityAttitude, cadence: .quarter, weight: 30, base: .trainingResult,
        deductions: [Deduction(kind: .complaintAttitude, points: 15), Deduction(kind: .complaintAbusive, points: 30)]),
      Component(component: .safety, cadence: .halfYear, weight: 20, base: .safetyResult, deductions: []),
    ], excellentFrom: 80, passFrom: 60)
}
