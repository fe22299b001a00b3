import Foundation

/// Quality criteria the run page marks (Hair et al., PLS-SEM primer; Henseler et al. 2015 for
/// HTMT): loading ≥ 0.7, AVE ≥ 0.5, composite reliability ρc ≥ 0.7, HTMT < 0.85.
enum QualityThresholds {
  static let loading = 0.7
  static let ave = 0.5
  static let rhoC = 0.7
  static let htmt = 0.85
}

/// A figure with its verdict against a threshold; `pass` is nil when none applies or the value
/// is undefined.
struct MarkedValue: Encodable {
  let value: String
  let pass: Bool?

  init(_ value: Double?, digits: Int = 3, passes: ((Double) -> Bool)? = nil) {
    self.value = value.map { String(format: "%.\(digits)f", $0) } ?? "–"
    self.pass = value.flatMap { v in passes.map { $0(v) } }
  }
}

/// One saved run: what went in and who ran it, then the CSI results (path diagram, quality with
/// thresholds, index, IPMA) or the AHP results (weights, consistency, the judgment to revisit).
struct AnalysisRunPage: Encodable {
  struct Fact: Encodable {
    let labelKey: String
    let value: String
  }
  struct LoadingRow: Encodable {
    let construct: String
    let indicator: String
    let weight: String
    let loading: MarkedValue
  }
  struct ConstructRow: Encodable {
    let name: String
    let rSquared: String
    let index: String
    /// Bootstrap percentile interval of the index, "" without a bootstrap.
    let interval: String
    let alpha: MarkedValue
    let rhoA: MarkedValue
    let rhoC: MarkedValue
    let ave: MarkedValue
  }
  struct PairRow: Encodable {
    let first: String
    let second: String
    let htmt: MarkedValue
  }
  struct GroupRow: Encodable {
    let label: String
    let n: String
    let index: [String]
  }
  struct WeightRow: Encodable {
    let criterion: String
    let weight: String
  }
  struct CSI: Encodable {
    let pathDiagram: String
    let loadings: [LoadingRow]
    let constructs: [ConstructRow]
    let htmt: [PairRow]
    let failures: Int
    let ipmaTarget: String
    let ipmaChart: String
    let rowsUsed: String
    let converged: Bool
    let hasInterval: Bool
    /// The group column ("" when the run has no groups), the construct headers and the rows.
    let groupColumn: String
    let groupHeaders: [String]
    let groups: [GroupRow]
  }
  struct AHP: Encodable {
    let weights: [WeightRow]
    let weightChart: String
    let lambdaMax: String
    let ci: String
    let cr: String
    let consistent: Bool
    let revisit: String
  }

  let chrome: Chrome
  let title: String
  let kindKey: String
  let facts: [Fact]
  let settings: String
  let csi: CSI?
  let ahp: AHP?
  let listHref: String
}

/// The list of runs with the forms that start new ones.
struct AnalysisListPage: Encodable {
  struct Row: Encodable {
    let title: String
    let href: String
    let kindKey: String
    let input: String
    let createdAt: String
    let createdBy: String
  }
  let chrome: Chrome
  let rows: [Row]
  let waves: [Choice]
  let uploadAction: String
  let waveAction: String
  let ahpHref: String
  /// What was typed, shown again with the field errors.
  let upload: [String: String]
  let waveTitle: String
  let waveBootstrap: String
  /// No grouping, by unit, by customer segment.
  let groupings: [Choice]
  let errors: [String: String]
  let form: String
}
