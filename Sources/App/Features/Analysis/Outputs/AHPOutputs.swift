import Analytics
import Foundation

/// What `wanjia analyze ahp --json` prints and a saved AHP run keeps, in this order: the weights
/// and the consistency of the matrix (or of the aggregate, or of the least consistent judge), the
/// judgment to revisit when it is not consistent, and each judge's figures for a group.
struct AHPOutputs: Codable, Sendable {
  struct Revisit: Codable, Sendable {
    /// 1-based, for the least consistent of several judges.
    let judge: Int?
    let row: String
    let column: String
    let judgment: Double
    let suggested: Double
    let deviation: Double
  }

  struct Judge: Codable, Sendable {
    let weights: NamedValues<Double>
    let lambdaMax: Double
    let ci: Double
    let cr: Double
    let consistent: Bool
    let revisit: Revisit?
  }

  let weights: NamedValues<Double>
  let lambdaMax: Double
  let ci: Double
  let cr: Double
  let consistent: Bool
  let revisit: Revisit?
  /// "AIJ" or "AIP" for a group of judges.
  let method: String?
  let judges: [Judge]?
}

extension AHPOutputs {
  init(_ o: AHPAnalysis.Outcome) {
    weights = NamedValues(zip(o.criteria, o.weights))
    lambdaMax = o.summary.lambdaMax
    ci = o.summary.consistencyIndex
    cr = o.summary.consistencyRatio
    consistent = o.summary.isConsistent
    revisit = Self.revisit(o.summary, criteria: o.criteria, judge: o.summaryJudge)
    method = o.method
    judges =
      o.method == nil
      ? nil
      : o.judges.map { r in
        Judge(
          weights: NamedValues(zip(o.criteria, r.weights)), lambdaMax: r.lambdaMax, ci: r.consistencyIndex, cr: r.consistencyRatio,
          consistent: r.isConsistent, revisit: Self.revisit(r, criteria: o.criteria, judge: nil))
      }
  }

  static func revisit(_ r: AHPResult, criteria: [String], judge: Int?) -> Revisit? {
    guard !r.isConsistent, let j = r.mostInconsistentJudgment, criteria.indices.contains(j.row), criteria.indices.contains(j.column)
    else { return nil }
    return Revisit(
      judge: judge, row: criteria[j.row], column: criteria[j.column], judgment: j.judgment, suggested: j.implied, deviation: j.deviation)
  }
}
