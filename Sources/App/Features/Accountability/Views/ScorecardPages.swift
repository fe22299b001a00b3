import Domain
import Foundation

/// Points in tenths shown with one decimal ("85.0", "−10.0").
enum ScoreFormat {
  static func points(_ tenths: Int) -> String {
    let sign = tenths < 0 ? "−" : ""
    let magnitude = tenths.magnitude
    return "\(sign)\(magnitude / 10).\(magnitude % 10)"
  }
}

/// A person's scorecard (ACC-SCORE-…): every component with the records behind each point.
struct ScorecardPage: Encodable {
  struct Point: Encodable {
    let kindKey: String
    let day: String
    let label: String
    let href: String
    let points: String
  }
  struct Part: Encodable {
    let id: String
    let nameKey: String
    let cadenceKey: String
    let weight: Int
    let base: String
    let imported: Bool
    let basis: [Point]
    let deductions: [Point]
    let score: String
    let hasPoints: Bool
  }
  struct PeriodLink: Encodable {
    let label: String
    let href: String
  }
  let chrome: Chrome
  let personId: String
  let personName: String
  let unitName: String
  let period: String
  let action: String
  let periods: [PeriodLink]
  let parts: [Part]
  let total: String
  let grade: String
  let gradeKey: String
  let ruleVersion: Int
  let rulesHref: String
  let listHref: String?
}

/// The scorecards of a unit's people for a period; each figure links to the person's card.
struct ScorecardListPage: Encodable {
  struct Cell: Encodable {
    let score: String
    let href: String
  }
  struct Row: Encodable {
    let name: String
    let unit: String
    let href: String
    let cells: [Cell]
    let total: String
    let grade: String
    let gradeKey: String
  }
  struct Option: Encodable {
    let id: String
    let name: String
    let selected: Bool
  }
  let chrome: Chrome
  let period: String
  let action: String
  let units: [Option]
  let componentKeys: [String]
  let rows: [Row]
}

/// Imported training and safety results, and HR's import form (ACC-SCORE-IMPORT).
struct ImportedScoresPage: Encodable {
  struct Row: Encodable {
    let id: String
    let person: String
    let kindKey: String
    let day: String
    let title: String
    let score: String
    let line: Int
  }
  let chrome: Chrome
  let rows: [Row]
  let canImport: Bool
  let importAction: String
  let notice: String?
  let errors: [String: String]
  let importLines: [String]
}

/// The scorecard rules (ACC-SCORE-RULES): the version shown, the list, the admin form.
struct ScorecardRulesPage: Encodable {
  struct Version: Encodable {
    let number: Int
    let effectiveFrom: String
    let href: String
    let selected: Bool
    let inForce: Bool
  }
  struct Component: Encodable {
    let nameKey: String
    let cadenceKey: String
    let weight: Int
    let baseKey: String?
    let deductions: [Deduction]
  }
  struct Deduction: Encodable {
    let kindKey: String
    let points: Int
  }
  let chrome: Chrome
  let versions: [Version]
  let number: Int
  let effectiveFrom: String
  let components: [Component]
  let excellentFrom: Int
  let passFrom: Int
  let canEdit: Bool
  let createAction: String
  let values: [String: String]
  let errors: [String: String]
}
