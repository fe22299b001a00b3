import Analytics
import Foundation

/// AHP runs: criteria and a pairwise judgment matrix in, weights, λmax, CI, CR and the judgment
/// to revisit out (the JSON of `wanjia analyze ahp`). The page sends the upper triangle (one
/// field per pair), the API the full matrix; both are checked here, every problem naming its field.
enum AHPRuns {
  /// Saaty's scale: 1–9 and the reciprocals; a little slack for 1/9 typed as 0.11.
  static let smallest = 1.0 / 9 - 0.005
  static let largest = 9.0

  /// Page field of the judgment "row criterion vs column criterion" (row < column).
  static func cellField(_ i: Int, _ j: Int) -> String { "a_\(i)_\(j)" }

  /// One name per line; blank lines are ignored.
  static func criteria(fromLines text: String?, into errors: inout FieldErrors) -> [String] {
    let names = (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
      !$0.isEmpty
    }
    return criteria(names, into: &errors)
  }

  static func criteria(_ names: [String], into errors: inout FieldErrors) -> [String] {
    let maximum = PairwiseComparisonMatrix.maximumCriteria
    if names.count < 2 {
      errors.add("criteria", "analysis.error.too_few_criteria")
    } else if names.count > maximum {
      errors.add("criteria", "analysis.error.too_many_criteria", String(names.count), String(maximum))
    }
    var seen = Set<String>()
    for name in names {
      if name.isEmpty { errors.add("criteria", "validation.required") }
      if !name.fits(Limits.name) { errors.add("criteria", "validation.too_long", String(Limits.name)) }
      if !seen.insert(name).inserted { errors.add("criteria", "analysis.error.duplicate_criterion", name) }
    }
    return names
  }

  /// "3", "0.5" or "1/3" on Saaty's scale.
  static func judgment(_ text: String?, field: String, into errors: inout FieldErrors) -> Double? {
    let trimmed = (text ?? "").trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else {
      errors.add(field, "validation.required")
      return nil
    }
    guard let value = AHPAnalysis.fraction(trimmed), value.isFinite else {
      errors.add(field, "analysis.error.judgment_number", trimmed)
      return nil
    }
    guard value > 0 else {
      errors.add(field, "analysis.error.judgment_positive", trimmed)
      return nil
    }
    guard value >= smallest, value <= largest else {
      errors.add(field, "analysis.error.judgment_range", trimmed)
      return nil
    }
    return value
  }

  /// The page's upper triangle made into the full reciprocal matrix.
  static func matrix(upper cells: [String: String], count n: Int, into errors: inout FieldErrors) -> [[Double]] {
    var rows = Array(repeating: Array(repeating: 1.0, count: n), count: n)
    for i in 0..<n {
      for j in (i + 1)..<max(n, i + 1) {
        guard let v = judgment(cells[cellField(i, j)], field: cellField(i, j), into: &errors) else { continue }
        rows[i][j] = v
        rows[j][i] = 1 / v
      }
    }
    return rows
  }

  /// The API's full matrix: square, unit diagonal, Saaty values above it, reciprocals below.
  static func matrix(full cells: [[String]], criteria: [String], into errors: inout FieldErrors) -> [[Double]] {
    let n = criteria.count
    guard cells.count == n, cells.allSatisfy({ $0.count == n }) else {
      errors.add("matrix", "analysis.error.matrix_shape", String(n))
      return []
    }
    var rows = Array(repeating: Array(repeating: 1.0, count: n), count: n)
    for i in 0..<n {
      if AHPAnalysis.fraction(cells[i][i]).map({ abs($0 - 1) > PairwiseComparisonMatrix.reciprocityTolerance }) ?? true {
        errors.add("matrix[\(i)][\(i)]", "analysis.error.diagonal", criteria[i])
      }
      for j in (i + 1)..<max(n, i + 1) {
        guard let v = judgment(cells[i][j], field: "matrix[\(i)][\(j)]", into: &errors) else { continue }
        rows[i][j] = v
        rows[j][i] = 1 / v
        let mirror = AHPAnalysis.fraction(cells[j][i].trimmingCharacters(in: .whitespaces))
        if mirror.map({ abs($0 * v - 1) > PairwiseComparisonMatrix.reciprocityTolerance }) ?? true {
          errors.add(
            "matrix[\(j)][\(i)]", "analysis.error.not_reciprocal", criteria[j], criteria[i], cells[j][i], format(1 / v))
        }
      }
    }
    return rows
  }

  /// Weights and consistency of a checked matrix.
  static func compute(criteria: [String], matrix: [[Double]]) throws -> AHPAnalysis.Outcome {
    let judged: PairwiseComparisonMatrix
    do {
      judged = try PairwiseComparisonMatrix(matrix)
    } catch let error as AnalyticsError {
      let described = AHPAnalysis.describe(error, criteria: criteria, label: "matrix")
      throw (described as? AnalysisFailure)?.appError(field: "matrix") ?? AnalyticsMessages.invalid("matrix", error)
    }
    let result = AHP.analyze(judged)
    return .init(criteria: criteria, method: nil, weights: result.weights, summary: result, summaryJudge: nil, judges: [])
  }

  /// The input as JSON, what the hash is taken of.
  private struct Input: Encodable {
    let criteria: [String]
    let matrix: [[Double]]
  }

  /// What is saved: the criteria and the matrix with the method, and the outcome.
  static func result(criteria: [String], matrix: [[Double]]) throws -> AnalysisRunService.Result {
    let outcome = try compute(criteria: criteria, matrix: matrix)
    let settings = AHPRunSettings(
      criteria: criteria, matrix: matrix, method: "principal eigenvector", crThreshold: AHP.consistencyThreshold)
    var description = criteria.joined(separator: "、")
    if description.count > 60 { description = String(description.prefix(59)) + "…" }
    let input = try AnalysisJSON.text(Input(criteria: criteria, matrix: matrix))
    return .init(
      content: .ahp(settings, AHPOutputs(outcome)), inputHash: AnalysisRunService.sha256(Data(input.utf8)), inputDescription: description)
  }

  /// A judgment as people write it: 3, 1/3, 0.45.
  static func format(_ value: Double) -> String {
    if abs(value - value.rounded()) < 1e-9 { return String(Int(value.rounded())) }
    let inverse = 1 / value
    if abs(inverse - inverse.rounded()) < 1e-6 { return "1/\(Int(inverse.rounded()))" }
    return String(format: "%.3g", value)
  }
}
