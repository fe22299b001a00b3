/// One answer option of a semantic scale: the code the interviewer records, the label key the UI
/// translates and the score it contributes.
public struct ScalePoint: Codable, Sendable, Equatable {
  public let code: Int
  public let labelKey: String
  public let value: Double

  public init(code: Int, labelKey: String, value: Double) {
    self.code = code
    self.labelKey = labelKey
    self.value = value
  }
}

/// A satisfaction scale kept as data, so a company can change values or labels without code
/// (SV-SCALE: the scale is configuration, like every business number).
public struct SatisfactionScale: Codable, Sendable, Equatable {
  /// Stable identifier stored with every response, e.g. "five-point-v1".
  public let code: String
  /// Best first.
  public let points: [ScalePoint]
  /// How many of the best points count towards 满意率 (the satisfaction rate).
  public let topBoxCount: Int

  public init(code: String, points: [ScalePoint], topBoxCount: Int) {
    self.code = code
    self.points = points
    self.topBoxCount = topBoxCount
  }

  /// SV-SCALE five-point semantic scale: very satisfied 100, fairly satisfied 80, basically
  /// satisfied 60, not very satisfied 40, very dissatisfied 0. 满意率 counts the first three
  /// (SV-TOP-BOX).
  public static let fivePoint = SatisfactionScale(
    code: "five-point-v1",
    points: [
      ScalePoint(code: 5, labelKey: "survey.scale.5", value: 100),  // 非常满意
      ScalePoint(code: 4, labelKey: "survey.scale.4", value: 80),  // 比较满意
      ScalePoint(code: 3, labelKey: "survey.scale.3", value: 60),  // 基本满意
      ScalePoint(code: 2, labelKey: "survey.scale.2", value: 40),  // 不太满意
      ScalePoint(code: 1, labelKey: "survey.scale.1", value: 0),  // 非常不满意
    ],
    topBoxCount: 3)

  public func point(code: Int) -> ScalePoint? {
    points.first { $0.code == code }
  }

  /// True when the code is among the `topBoxCount` best points; false for unknown codes.
  public func isTopBox(code: Int) -> Bool {
    points.prefix(max(0, topBoxCount)).contains { $0.code == code }
  }
}
