import Foundation

/// Every failure the analytics engine can report. Callers (web app, CLI) show `description`
/// to the analyst, so each case names the offending construct, column, judgment or count.
public enum AnalyticsError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
  /// A linear system had no unique solution (collinear predictors, duplicated indicators, …).
  case singularMatrix(context: String)
  /// An indicator has zero variance after missing-value treatment, so it cannot be scaled or used.
  case constantIndicator(name: String)
  /// A construct was declared without indicators.
  case emptyBlock(construct: String)
  /// The structural model contains a cycle; PLS path models must be recursive.
  case cycleInPaths(constructs: [String])
  /// A column referenced by the model is missing from the data set.
  case unknownColumn(name: String)
  /// A path or query names a construct that the model does not declare.
  case unknownConstruct(name: String)
  /// The same name was declared twice (construct or indicator).
  case duplicateName(name: String)
  /// Matrix or vector sizes do not agree.
  case dimensionMismatch(context: String)
  /// Too few usable observations for the requested computation.
  case insufficientData(context: String)
  /// A pairwise comparison matrix has a_ij * a_ji != 1.
  case nonReciprocalMatrix(row: Int, column: Int, value: Double, mirror: Double)
  /// A pairwise judgment (or other strictly positive input) is zero, negative or not finite.
  case nonPositiveValue(context: String)
  /// AHP is limited to 15 criteria (random index table and human judgment limits).
  case tooManyCriteria(count: Int, maximum: Int)
  /// The decision attribute of a rough-set table takes one value only, so dependency is undefined.
  case singleValuedDecision(attribute: String)
  /// A parameter is outside its allowed range (weights, tolerances, grade counts, …).
  case invalidArgument(String)
  /// A numeric input is NaN or infinite.
  case nonFiniteValue(context: String)

  public var description: String {
    switch self {
    case .singularMatrix(let context):
      return "Singular matrix (no unique solution): \(context)"
    case .constantIndicator(let name):
      return "Indicator '\(name)' is constant (zero variance) and cannot be used"
    case .emptyBlock(let construct):
      return "Construct '\(construct)' has no indicators"
    case .cycleInPaths(let constructs):
      return "The structural model has a cycle through: \(constructs.joined(separator: " -> "))"
    case .unknownColumn(let name):
      return "Column '\(name)' is not in the data set"
    case .unknownConstruct(let name):
      return "Construct '\(name)' is not declared in the model"
    case .duplicateName(let name):
      return "Name '\(name)' is declared more than once"
    case .dimensionMismatch(let context):
      return "Dimension mismatch: \(context)"
    case .insufficientData(let context):
      return "Not enough data: \(context)"
    case .nonReciprocalMatrix(let row, let column, let value, let mirror):
      return "Judgment matrix is not reciprocal at (\(row + 1), \(column + 1)): a_ij = \(value), a_ji = \(mirror), product != 1"
    case .nonPositiveValue(let context):
      return "Value must be positive: \(context)"
    case .tooManyCriteria(let count, let maximum):
      return "Too many criteria: \(count) (at most \(maximum) are supported)"
    case .singleValuedDecision(let attribute):
      return "Decision attribute '\(attribute)' takes a single value; dependency is undefined"
    case .invalidArgument(let message):
      return "Invalid argument: \(message)"
    case .nonFiniteValue(let context):
      return "Non-finite number (NaN or infinity): \(context)"
    }
  }

  public var errorDescription: String? { description }
}
