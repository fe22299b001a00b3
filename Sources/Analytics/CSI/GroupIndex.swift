import Foundation

/// The 0–100 index of every construct within one group of respondents (a unit, a segment).
public struct GroupIndex: Sendable, Equatable {
  public let label: String
  /// Analysed rows in the group.
  public let count: Int
  /// Index per construct, in the model's construct order.
  public let index: [Double]
}

extension CSIIndex {
  /// The index per group, with the whole model's weights (one measurement model, the index per
  /// segment, as ACSI reports it): for each group the case-weighted mean of the respondents'
  /// 0–100 scores, i.e. Σ w̃ · (the group's mean of each indicator), rescaled. `groups` gives one
  /// label per row of the *original* data set; rows dropped by listwise deletion and rows without
  /// a label (`nil`) are left out. Groups are sorted by label; one pass over the rows.
  public static func groups(_ result: PLSResult, scale: IndicatorScale, labels: [String?]) throws -> [GroupIndex] {
    let data = result.data
    guard labels.count == data.missingReport.rowsInput else {
      throw AnalyticsError.dimensionMismatch(context: "\(labels.count) group labels for \(data.missingReport.rowsInput) rows")
    }
    let indices = try compute(result, scale: scale, respondents: false)
    var slot: [String: Int] = [:]
    var names: [String] = []
    let used = data.missingReport.usedRowIndices
    var rowGroup = [Int](repeating: -1, count: used.count)
    for (r, i) in used.enumerated() {
      guard let label = labels[i] else { continue }
      if let g = slot[label] {
        rowGroup[r] = g
      } else {
        slot[label] = names.count
        rowGroup[r] = names.count
        names.append(label)
      }
    }
    let groupCount = names.count
    var counts = [Int](repeating: 0, count: groupCount)
    var weightSums = [Double](repeating: 0, count: groupCount)
    for (r, g) in rowGroup.enumerated() where g >= 0 {
      counts[g] += 1
      weightSums[g] += data.caseWeights?[r] ?? 1
    }
    // sums[g][j] = Σ_{rows of g} w x_j
    var sums = [[Double]](repeating: [Double](repeating: 0, count: data.columns.count), count: groupCount)
    for (j, column) in data.columns.enumerated() {
      var s = [Double](repeating: 0, count: groupCount)
      column.withUnsafeBufferPointer { x in
        for (r, g) in rowGroup.enumerated() where g >= 0 { s[g] += (data.caseWeights?[r] ?? 1) * x[r] }
      }
      for g in 0..<groupCount { sums[g][j] = s[g] }
    }
    var out: [GroupIndex] = []
    for g in 0..<groupCount {
      let perConstruct = indices.indices.map { l -> Double in
        let block = result.block(of: l)
        guard weightSums[g] > 0 else { return .nan }
        let mean = zip(block, indices[l].normalizedWeights).reduce(0.0) { $0 + $1.1 * sums[g][$1.0] / weightSums[g] }
        return scale.rescale(mean)
      }
      out.append(GroupIndex(label: names[g], count: counts[g], index: perConstruct))
    }
    return out.sorted { $0.label < $1.label }
  }
}
