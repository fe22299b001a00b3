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
      throw AnalysisFailure("--weight-column '\(w)' is also an indicator of the model")
    }
    if let g = groupColumn {
      if wanted.contains(g) { throw AnalysisFailure("--group-column '\(g)' is also an indicator of the model") }
      if g == weightColumn { throw AnalysisFailure("--group-column '\(g)' is also the weight column") }
    }
    var positions: [Int] = []
    var weightPosition: Int?
    var groupPosition: Int?
    var table = try parse { header in
      var index: [String: Int] = [:]
      for (j, h) in header.enumerated() where index[h] == nil { index[h] = j }
      positions = try wanted.map { name in
        guard let j = index[name] else {
          throw AnalysisFailure(
            "\(AnalyticsError.unknownColumn(name: name).description) (data file '\(path)'; the model uses it as an indicator)")
        }
        return j
      }
      if let w = weightColumn {
        guard let j = index[w] else {
          throw AnalysisFailure("--weight-column: \(AnalyticsError.unknownColumn(name: w).description) (data file '\(path)')")
        }
        weightPosition = j
      }
      if let g = groupColumn {
        guard let j = index[g] else {
          throw AnalysisFailure("--group-column: \(AnalyticsError.unknownColumn(name: g).description) (data file '\(path)')")
        }
        groupPosition = j
      }
      var kinds = [CSVColumnKind](repeating: .skip, count: header.count)
      for j in positions { kinds[j] = .numeric }
      if let j = weightPosition { kinds[j] = .numeric }
      if let j = groupPosition { kinds[j] = .text }
      return kinds
    }
    guard table.rowCount > 0 else { throw AnalysisFailure("data file '\(path)' has a header but no data rows") }
    var weights: [Double]?
    if let j = weightPosition {
      let w = table.values.removeValue(forKey: j) ?? []
      for (i, v) in w.enumerated() {
        guard !v.isNaN else {
          throw AnalysisFailure("data file '\(path)', line \(table.lineNumbers[i]): the weight column '\(weightColumn!)' is empty")
        }
        guard v >= 0 else {
          throw AnalysisFailure("data file '\(path)', line \(table.lineNumbers[i]): weight \(v) is negative")
        }
      }
      guard w.contains(where: { $0 > 0 }) else { throw AnalysisFailure("every case weight in '\(weightColumn!)' is zero") }
      weights = w
    }
    // Take each column out of the table so it is moved, not copied (1M rows × 24 columns).
    let columns = positions.map { table.values.removeValue(forKey: $0) ?? [] }
    table.values.removeAll()
    let groups = groupPosition.map { table.text.removeValue(forKey: $0) ?? [] }
    return CSIInput(dataset: try Dataset(columnNames: wanted, values: columns), weights: weights, groups: groups)
  }
}
