/// A unit's yearly satisfaction targets (SV-TARGETS): the assessment target 考核满分值指标 that
/// earns full marks, and the stretch target 力争目标 (example rows 76/78, 78/77, 42/60).
public struct SatisfactionTarget: Codable, Sendable, Equatable {
  public let assessment: Double
  public let stretch: Double

  public init(assessment: Double, stretch: Double) {
    self.assessment = assessment
    self.stretch = stretch
  }

  /// A stretch target below the assessment target (the 78/77 row) cannot be "met" on its own:
  /// only passing the assessment target counts then.
  public func outcome(for score: Double) -> TargetOutcome {
    if stretch >= assessment, score >= stretch { return .stretchMet }
    if score >= assessment { return .passed }
    return .failed
  }
}

public enum TargetOutcome: String, Codable, Sendable {
  case stretchMet
  case passed
  case failed
}
