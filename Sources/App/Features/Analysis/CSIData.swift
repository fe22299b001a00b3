import Analytics
import Foundation

/// What `analyze csi` analyses: the indicator columns, the case weights and the group labels.
struct CSIInput: Sendable {
  var dataset: Dataset
  var weights: [Double]?
  /// One label per row (nil for an empty field) when a group column was asked for.
  var groups: [String?]?

  init(dataset: Dataset, weights: [Double]?, groups: [String?]? = nil) {
    self.dataset = dataset
    self.weights = weights
    self.groups = groups
  }
}

extension CSIAnalysis {
  /// Reads the model's indicators (and the weight and group columns) from the CSV file
  /// (memory-mapped; the numeric columns are parsed on all cores into plain `[Double]`).
  static func loadData(path: String, model: PLSModel, weightColumn: String?, groupColumn: String? = nil) throws -> CSIInput {
    try loadData(source: path, model: model, weightColumn: weightColumn, groupColumn: groupColumn) {
      try FastCSV.read(path: path, select: $0)
    }
  }

  /// The same from CSV bytes already in memory (an upload); `source` names them in messages.
  static func loadData(
    bytes: [UInt8], source path: String, model: PLSModel, weightColumn: String?, groupColumn: String? = nil
  ) throws -> CSIInput {
    try loadData(source: path, model: model, weightColumn: weightColumn, groupColumn: groupColumn) {
      try FastCSV.parse(bytes, source: path, select: $0)
    }
  }

  private static func loadData(
    source path: String, model: PLSModel, weightColumn: String?, groupColumn: String?,
    parse: (([String]) throws -> [CSVColumnKind]) throws -> CSVColumns
  ) throws -> CSIInput {
    let wanted = model.indicatorNames
    if let w = weightColumn, wanted.contains(w) {
      throw AnalysisFailure("analysis.fail.weight_column_is_indicator", w)
    }
    if let g = groupColumn {
      if wanted.contains(g) { throw AnalysisFailure("analysis.fail.group_column_is_indicator", g) }
      if g == weightColumn { throw AnalysisFailure("analysis.fail.group_column_is_weight", g) }
    }
    var positions: [Int] = []
    var weightPosition: Int?
    var groupPosition: Int?
    var table = try parse { header in
      var index: [String: Int] = [:]
      for (j, h) in header.enumerated() where index[h] == nil { index[h] = j }
      positions = try wanted.map { name in
        guard let j = index[name] else {
          throw AnalysisFailure("analysis.fail.indicator_column_missing", name, path)
        }
        return j
      }
      if let w = weightColumn {
        guard let j = index[w] else {
          throw AnalysisFailure("analysis.fail.weight_column_missing", w, path)
        }
        weightPosition = j
      }
      if let g = groupColumn {
        guard let j = index[g] else {
          throw AnalysisFailure("analysis.fail.group_column_missing", g, path)
        }
        groupPosition = j
      }
      var kinds = [CSVColumnKind](repeating: .skip, count: header.count)
      for j in positions { kinds[j] = .numeric }
      if let j = weightPosition { kinds[j] = .numeric }
      if let j = groupPosition { kinds[j] = .text }
      return kinds
    }
    guard table.rowCount > 0 else { throw AnalysisFailure("analysis.fail.no_data_rows", path) }
    var weights: [Double]?
    if let j = weightPosition, let weightColumn {
      let w = table.values.removeValue(forKey: j) ?? []
      for (i, v) in w.enumerated() {
        guard !v.isNaN else {
          throw AnalysisFailure("analysis.fail.weight_empty", path, String(table.lineNumbers[i]), weightColumn)
        }
        guard v >= 0 else {
          throw AnalysisFailure("analysis.fail.weight_negative", path, String(table.lineNumbers[i]), "\(v)")
        }
      }
      guard w.contains(where: { $0 > 0 }) else { throw AnalysisFailure("analysis.fail.weights_all_zero", weightColumn) }
      weights = w
    }
    // Take each column out of the table so it is moved, not copied (1M rows × 24 columns).
    let columns = positions.map { table.values.removeValue(forKey: $0) ?? [] }
    table.values.removeAll()
    let groups = groupPosition.map { table.text.removeValue(forKey: $0) ?? [] }
    return CSIInput(dataset: try Dataset(columnNames: wanted, values: columns), weights: weights, groups: groups)
  }
}
