import Domain
import Foundation

/// The penalty rules page (ACC-RULE-VERSIONS): one version shown in full, the list of versions,
/// and for administrators the form that saves a new version.
struct RulesPage: Encodable {
  struct Version: Encodable {
    let number: Int
    let effectiveFrom: String
    let href: String
    let selected: Bool
    let inForce: Bool
  }
  struct Range: Encodable {
    let labelKey: String
    let label: String
    let range: String
    let defaultAmount: String
    let note: String
  }
  struct CompanySet: Encodable {
    let titleKey: String
    let items: [Range]
  }
  struct Event: Encodable {
    let severityKey: String
    let roleKey: String
    let minimum: String
    let sanctions: String
  }
  let chrome: Chrome
  let versions: [Version]
  let number: Int
  let effectiveFrom: String
  let general: [Range]
  let companySets: [CompanySet]
  let events: [Event]
  let channels: [String]
  let factor: Int
  let unitPenalty: String
  let ceiling: String
  let canEdit: Bool
  let createAction: String
  let values: [String: String]
  let errors: [String: String]

  /// Amounts in yuan with the fen when there are any.
  static func yuan(_ fen: Int) -> String {
    fen % 100 == 0 ? "¥\(fen / 100)" : String(format: "¥%.2f", Double(fen) / 100)
  }

  static func range(_ range: FenRange, ceiling: Int, text: (String) -> String) -> String {
    guard let max = range.maxFen else { return text("accountability.at_least") + " " + yuan(range.minFen) }
    return range.minFen == max ? yuan(max) : "\(yuan(range.minFen))–\(yuan(max))"
  }

  static func sanctions(_ range: SanctionRange, text: (String) -> String) -> String {
    guard let highest = range.highest else { return text("accountability.sanction.none") }
    let high = text("accountability.sanction.\(highest.rawValue)")
    guard let lowest = range.lowest else { return text("accountability.sanction.at_most") + " " + high }
    let low = text("accountability.sanction.\(lowest.rawValue)")
    return lowest == highest ? low : "\(low) – \(high)"
  }
}
