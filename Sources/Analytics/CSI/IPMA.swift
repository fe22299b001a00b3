import Foundation

/// Importance–performance quadrant, split at the mean importance and mean performance.
public enum IPMAQuadrant: String, Sendable, Codable, CaseIterable {
  /// High importance, low performance: improve first.
  case improveFirst
  /// High importance, high performance: keep up.
  case keep
  /// Low importance, low performance: secondary opportunity.
  case opportunity
  /// Low importance, high performance: maintain (possible over-investment).
  case maintain

  /// Label used in Chinese reports.
  public var chineseLabel: String {
    switch self {
    case .improveFirst: return "重点改进区"
    case .keep: return "保持区"
    case .opportunity: return "机会区"
    case .maintain: return "维持区"
    }
  }

  /// Importance/performance at or above the mean count as "high".
  public static func classify(importance: Double, performance: Double, meanImportance: Double, meanPerformance: Double) -> IPMAQuadrant {
    let highImportance = importance >= meanImportance
    let highPerformance = performance >= meanPerformance
    switch (highImportance, highPerformance) {
    case (true, false): return .improveFirst
    case (true, true): return .keep
    case (false, false): return .opportunity
    case (false, true): return .maintain
    }
  }
}

public struct IPMAEntry: Sendable, Equatable {
  /// Construct or indicator name.
  public let name: String
  /// Unstandardised total effect on the target (per point of the 0–100 scale).
  public let importance: Double
  /// Mean 0–100 score.
  public let performance: Double
  public let quadrant: IPMAQuadrant
}

public struct IPMAResult: Sendable, Equatable {
  public let target: String
  public let targetPerformance: Double
  public let constructs: [IPMAEntry]
  public let indicators: [IPMAEntry]
}

/// Importance–performance map analysis (Ringle & Sarstedt 2016).
public enum IPMA {
  /// Importance is the unstandardised total effect on `target` from paths re-estimated by OLS with
  /// intercept on the 0–100 construct scores; indicator importance is w̃ × that total effect.
  public static func analyze(_ result: PLSResult, target: String, scale: IndicatorScale) throws -> IPMAResult {
    let t = try result.constructIndex(target)
    let indices = try CSIIndex.compute(result, scale: scale, respondents: false)
    let lvs = result.constructNames.count
    // The 0–100 construct scores are linear in the indicators, so their weighted covariance
    // matrix follows from the indicators' one: f² w̃_a' S w̃_b with f = 100 / (max − min).
    let blocks = (0..<lvs).map { result.block(of: $0) }
    let s = result.data.covariance
    let f = 100 / (scale.maximum - scale.minimum)
    var phi = Matrix(rows: lvs, cols: lvs)
    for a in 0..<lvs {
      for b in 0...a {
        var v = 0.0
        for (x, i) in blocks[a].enumerated() {
          for (y, j) in blocks[b].enumerated() { v += indices[a].normalizedWeights[x] * indices[b].normalizedWeights[y] * s[i, j] }
        }
        phi[a, b] = f * f * v
        phi[b, a] = f * f * v
      }
    }
    let adjacency = result.adjacency
    let inner = try StructuralEffects.estimatePaths(
      covariance: phi, means: indices.map(\.index), adjacency: adjacency, constructNames: result.constructNames)
    let total = try StructuralEffects.totalEffects(inner.paths)
    let reach = StructuralEffects.reachability(adjacency)
    let drivers = (0..<lvs).filter { reach[$0][t] }
    guard !drivers.isEmpty else {
      throw AnalyticsError.invalidArgument("construct '\(target)' has no predecessors, so IPMA has nothing to rank")
    }
    let constructRaw = drivers.map { (name: result.constructNames[$0], importance: total[$0, t], performance: indices[$0].index) }
    var indicatorRaw: [(name: String, importance: Double, performance: Double)] = []
    for l in drivers {
      for (k, j) in result.block(of: l).enumerated() {
        let perf = scale.rescale(result.data.means[j])
        indicatorRaw.append((result.indicatorNames[j], indices[l].normalizedWeights[k] * total[l, t], perf))
      }
    }
    func classify(_ raw: [(name: String, importance: Double, performance: Double)]) -> [IPMAEntry] {
      let mi = raw.map(\.importance).reduce(0, +) / Double(raw.count)
      let mp = raw.map(\.performance).reduce(0, +) / Double(raw.count)
      return raw.map {
        IPMAEntry(
          name: $0.name, importance: $0.importance, performance: $0.performance,
          quadrant: .classify(importance: $0.importance, performance: $0.performance, meanImportance: mi, meanPerformance: mp))
      }
    }
    return IPMAResult(
      target: target, targetPerformance: indices[t].index, constructs: classify(constructRaw), indicators: classify(indicatorRaw))
  }
}
