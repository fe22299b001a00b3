/// How a question is answered: on the questionnaire's satisfaction scale, 1–10 (CSI and
/// SERVQUAL items), or free text.
public enum QuestionKind: String, Codable, Sendable {
  case fivePoint
  case tenPoint
  case text
}

/// Structural variables of the power-industry customer satisfaction index model (AN-CSI-MODEL,
/// the ACSI/ECSI family): 形象, 客户期望, 感知质量, 感知价值, 满意度, 抱怨, 忠诚.
public enum CSIConstruct: String, Codable, Sendable, CaseIterable {
  case image
  case expectation
  case perceivedQuality
  case perceivedValue
  case satisfaction
  case complaint
  case loyalty
}

/// SERVQUAL dimensions (AN-SERVQUAL): 有形性, 可靠性, 保证性, 响应性, 移情性, 安全性.
/// Analytics has a twin with the same name; code importing both must qualify (`Domain.`).
public enum ServqualDimension: String, Codable, Sendable, CaseIterable {
  case tangibles
  case reliability
  case assurance
  case responsiveness
  case empathy
  case safety
}

/// One questionnaire item. The code is stored with every answer, so it never changes once a
/// questionnaire version has been fielded.
public struct Question: Codable, Sendable, Equatable {
  public let code: String
  public let kind: QuestionKind
  /// Set on five-point items that score one of the eight service modules.
  public let module: ServiceModule?
  /// Set on ten-point items of the CSI model.
  public let construct: CSIConstruct?
  /// Set on SERVQUAL items, with `expectationSide` telling E (true) from P (false).
  public let servqual: ServqualDimension?
  public let expectationSide: Bool?
  public let required: Bool
  public let textZh: String
  public let textEn: String
  /// Maximum characters of a text answer; nil = unlimited.
  public let maxLength: Int?

  public init(
    code: String, kind: QuestionKind, module: ServiceModule? = nil, construct: CSIConstruct? = nil,
    servqual: ServqualDimension? = nil, expectationSide: Bool? = nil, required: Bool,
    textZh: String, textEn: String, maxLength: Int? = nil
  ) {
    self.code = code
    self.kind = kind
    self.module = module
    self.construct = construct
    self.servqual = servqual
    self.expectationSide = expectationSide
    self.required = required
    self.textZh = textZh
    self.textEn = textEn
    self.maxLength = maxLength
  }
}

/// A questionnaire is versioned data (SV-QUESTIONNAIRE): responses keep the
/// code and version they were collected with, so old results stay interpretable.
public struct Questionnaire: Codable, Sendable, Equatable {
  public let code: String
  public let version: Int
  public let scale: SatisfactionScale
  public let questions: [Question]

  public init(code: String, version: Int, scale: SatisfactionScale, questions: [Question]) {
    self.code = code
    self.version = version
    self.scale = scale
    self.questions = questions
  }

  /// The items that score one service module, in questionnaire order.
  public func questions(in module: ServiceModule) -> [Question] {
    questions.filter { $0.module == module }
  }

  public func question(code: String) -> Question? {
    questions.first { $0.code == code }
  }
}
