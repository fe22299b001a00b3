import Analytics

/// Library errors as locale keys with arguments, so the pages say what went wrong in the
/// analyst's language instead of embedding the library's English sentence. Names (columns,
/// constructs, criteria) and numbers are the arguments; a free-text context from the library
/// (which regression, which block) stays as written.
enum AnalyticsMessages {
  static func key(for error: AnalyticsError) -> (key: String, args: [String]) {
    switch error {
    case .singularMatrix(let context): return ("analysis.lib.singular_matrix", [context])
    case .constantIndicator(let name): return ("analysis.lib.constant_indicator", [name])
    case .emptyBlock(let construct): return ("analysis.lib.empty_block", [construct])
    case .cycleInPaths(let constructs): return ("analysis.lib.cycle", [constructs.joined(separator: " → ")])
    case .unknownColumn(let name): return ("analysis.lib.unknown_column", [name])
    case .unknownConstruct(let name): return ("analysis.lib.unknown_construct", [name])
    case .duplicateName(let name): return ("analysis.lib.duplicate_name", [name])
    case .dimensionMismatch(let context): return ("analysis.lib.dimension_mismatch", [context])
    case .insufficientData(let context): return ("analysis.lib.insufficient_data", [context])
    case .nonReciprocalMatrix(let row, let column, let value, let mirror):
      return ("analysis.lib.not_reciprocal", [String(row + 1), String(column + 1), format(value), format(mirror)])
    case .nonPositiveValue(let context): return ("analysis.lib.non_positive", [context])
    case .tooManyCriteria(let count, let maximum): return ("analysis.lib.too_many_criteria", [String(count), String(maximum)])
    case .singleValuedDecision(let attribute): return ("analysis.lib.single_valued_decision", [attribute])
    case .invalidArgument(let message): return ("analysis.lib.invalid_argument", [message])
    case .nonFiniteValue(let context): return ("analysis.lib.non_finite", [context])
    }
  }

  /// A 422 on `field` carrying the translated library message.
  static func invalid(_ field: String, _ error: AnalyticsError) -> AppError {
    let (key, args) = key(for: error)
    return AppError(.unprocessableEntity, code: .invalidField, key: key, args: args, field: field)
  }

  static func format(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.4g", x)
  }
}
