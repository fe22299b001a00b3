import Domain
import Foundation

/// What each column of a results file is (docs/results-format.md), and the scale as lookup
/// tables by raw code, so a row is read without strings or dictionaries.
struct ScoreFileLayout: Sendable {
  enum Role: Sendable, Equatable {
    case skip, unit, segment, weight
    /// A five-point module item; the index is the module's in `ServiceModule.allCases`.
    case item(module: Int)
  }

  let names: [String]
  let roles: [Role]
  /// (column, module index) of every item column, in file order.
  let items: [(column: Int, module: Int)]
  /// Scale value and top-box flag by raw code 0...9; `isPoint` false for codes off the scale.
  let values: [Double]
  let topBox: [Bool]
  let isPoint: [Bool]
  /// Per segment (in `CustomerSegment.allCases` order): the raw value and the Chinese label.
  let segmentKeys: [(raw: [UInt8], zh: [UInt8])]

  static let headerAliases: [String: Role] = [
    "unit_code": .unit, "单位编码": .unit, "segment": .segment, "客户类别": .segment, "weight": .weight,
    "权重": .weight,
  ]

  init(header: [String], questionnaire: Questionnaire) throws(ScoreFile.HeaderError) {
    let modules = ServiceModule.allCases
    var moduleOfItem: [String: Int] = [:]
    for question in questionnaire.questions where question.kind == .fivePoint {
      if let module = question.module, let index = modules.firstIndex(of: module) {
        moduleOfItem[question.code] = index
      }
    }
    var seen: Set<String> = []
    var roles: [Role] = []
    for cell in header {
      let name = cell.trimmingCharacters(in: .whitespaces)
      // The first of repeated columns counts; unknown columns (ids, comments, CSI items) are skipped.
      guard seen.insert(name.lowercased()).inserted else {
        roles.append(.skip)
        continue
      }
      if let role = Self.headerAliases[name.lowercased()] {
        roles.append(role)
      } else if let module = moduleOfItem[name] {
        roles.append(.item(module: module))
      } else {
        roles.append(.skip)
      }
    }
    let required: [(Role, String)] = [(.unit, "unit_code"), (.segment, "segment"), (.weight, "weight")]
    for (role, name) in required where !roles.contains(role) {
      throw ScoreFile.HeaderError(description: "the header has no \(name) column (docs/results-format.md)")
    }
    let items = roles.enumerated().compactMap { column, role -> (column: Int, module: Int)? in
      if case .item(let module) = role { return (column, module) }
      return nil
    }
    guard !items.isEmpty else {
      throw ScoreFile.HeaderError(description: "the header names no five-point module item such as m.stability.1")
    }
    self.names = header
    self.roles = roles
    self.items = items
    let scale = questionnaire.scale
    values = (0...9).map { scale.point(code: $0)?.value ?? .nan }
    topBox = (0...9).map { scale.isTopBox(code: $0) }
    isPoint = (0...9).map { scale.point(code: $0) != nil }
    segmentKeys = CustomerSegment.allCases.map { (Array($0.rawValue.lowercased().utf8), Array($0.labelZh.utf8)) }
  }
}
