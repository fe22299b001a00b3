import Foundation
import Testing

@testable import Domain

@Suite("Survey scale and questionnaires")
struct QuestionnaireTests {
  @Test("Rule SV-SCALE: five-point scale 100/80/60/40/0, best first, top three count towards 满意率")
  func fivePointScale() {
    let scale = SatisfactionScale.fivePoint
    #expect(scale.code == "five-point-v1")
    #expect(scale.points.map(\.code) == [5, 4, 3, 2, 1])
    #expect(scale.points.map(\.value) == [100, 80, 60, 40, 0])
    #expect(scale.points.map(\.labelKey) == (1...5).reversed().map { "survey.scale.\($0)" })
    #expect(scale.topBoxCount == 3)
    #expect(scale.point(code: 3)?.value == 60)
    #expect(scale.point(code: 6) == nil)
    #expect([5, 4, 3, 2, 1, 0].map(scale.isTopBox(code:)) == [true, true, true, false, false, false])
  }

  @Test("Rule SV-QUESTIONNAIRE: stable vocabulary codes")
  func vocabularies() {
    #expect(CustomerSegment.allCases.map(\.rawValue) == ["residential", "commercial", "industrial", "other"])
    #expect(VoltageClass.allCases.map(\.rawValue) == ["220V", "380V", "10kV", "35kV", "110kV", "220kV"])
    #expect(
      CSIConstruct.allCases.map(\.rawValue) == [
        "image", "expectation", "perceivedQuality", "perceivedValue", "satisfaction", "complaint", "loyalty",
      ])
    #expect(
      ServqualDimension.allCases.map(\.rawValue) == [
        "tangibles", "reliability", "assurance", "responsiveness", "empathy", "safety",
      ])
  }

  @Test("Rule SV-QUESTIONNAIRE: standard questionnaire = 8 modules × 3 five-point items, 7 constructs × 2, one comment")
  func standardShape() throws {
    // Setup
    let q = Questionnaire.standard
    // Check: 24 + 14 + 1 = 39 items, codes unique.
    #expect(q.code == "csi-2026")
    #expect(q.version == 1)
    #expect(q.scale == .fivePoint)
    #expect(q.questions.count == 39)
    #expect(Set(q.questions.map(\.code)).count == 39)
    for module in ServiceModule.allCases {
      let items = q.questions(in: module)
      #expect(items.map(\.code) == (1...3).map { "m.\(module.rawValue).\($0)" })
      #expect(items.allSatisfy { $0.kind == .fivePoint && $0.required && !$0.textZh.isEmpty && !$0.textEn.isEmpty })
    }
    for construct in CSIConstruct.allCases {
      let items = q.questions.filter { $0.construct == construct }
      #expect(items.map(\.code) == ["csi.\(construct.rawValue).1", "csi.\(construct.rawValue).2"])
      #expect(items.allSatisfy { $0.kind == .tenPoint && $0.required && $0.module == nil })
    }
    #expect(q.questions.allSatisfy { $0.servqual == nil && $0.expectationSide == nil })
    let comment = try q.questions.requireLast()
    #expect(comment.code == "comment")
    #expect(comment.kind == .text)
    #expect(!comment.required)
    #expect(comment.maxLength == 500)
    #expect(q.questions(in: .stability).first?.textZh.contains("供电可靠性") == true)
  }

  @Test("Rule AN-SERVQUAL: SERVQUAL variant adds one optional 1–10 E/P pair per dimension before the comment")
  func servqualShape() {
    let base = Questionnaire.standard
    let q = Questionnaire.standardWithServqual
    // 39 + 6 × 2 = 51 items.
    #expect(q.questions.count == 51)
    #expect(q.code != base.code)
    #expect(Array(q.questions.prefix(38)) == Array(base.questions.prefix(38)))
    #expect(q.questions.last == base.questions.last)
    let pairs = q.questions.filter { $0.servqual != nil }
    #expect(pairs.count == 12)
    #expect(pairs.allSatisfy { $0.kind == .tenPoint && !$0.required })
    for dimension in ServqualDimension.allCases {
      let items = pairs.filter { $0.servqual == dimension }
      #expect(items.map(\.code) == ["sq.\(dimension.rawValue).e", "sq.\(dimension.rawValue).p"])
      #expect(items.map(\.expectationSide) == [true, false])
    }
  }

  @Test("Rule SV-QUESTIONNAIRE: questionnaires are data and round-trip through JSON")
  func codable() throws {
    let data = try JSONEncoder().encode(Questionnaire.standardWithServqual)
    #expect(try JSONDecoder().decode(Questionnaire.self, from: data) == .standardWithServqual)
  }
}
