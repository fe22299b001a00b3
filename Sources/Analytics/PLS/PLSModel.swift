import Foundation

/// How a block's outer weights are estimated: mode A (reflective, correlation weights) or
/// mode B (formative, regression weights).
public enum MeasurementMode: String, Sendable, Codable, CaseIterable {
  case reflective = "A"
  case formative = "B"
}

/// One latent construct and the indicator columns that measure it.
public struct ConstructSpec: Sendable, Codable, Equatable {
  public let name: String
  public let indicators: [String]
  public let mode: MeasurementMode

  public init(name: String, indicators: [String], mode: MeasurementMode = .reflective) {
    self.name = name
    self.indicators = indicators
    self.mode = mode
  }
}

/// A directed structural relation `from -> to` between constructs.
public struct StructuralPath: Sendable, Codable, Hashable {
  public let from: String
  public let to: String

  public init(from: String, to: String) {
    self.from = from
    self.to = to
  }
}

/// A PLS path model: the measurement model (constructs) and the structural model (paths).
public struct PLSModel: Sendable, Codable, Equatable {
  public let constructs: [ConstructSpec]
  public let paths: [StructuralPath]

  public init(constructs: [ConstructSpec], paths: [StructuralPath]) {
    self.constructs = constructs
    self.paths = paths
  }

  public var constructNames: [String] { constructs.map(\.name) }

  /// All indicators in block order (the order used by every indicator-level result).
  public var indicatorNames: [String] { constructs.flatMap(\.indicators) }

  /// Checks names, blocks and acyclicity; returns the adjacency matrix `[from][to]`.
  /// Called by the estimator so a bad model fails before any number is computed.
  public func validatedAdjacency() throws -> [[Bool]] {
    guard !constructs.isEmpty else { throw AnalyticsError.invalidArgument("the model declares no constructs") }
    var names = Set<String>()
    for c in constructs {
      guard names.insert(c.name).inserted else { throw AnalyticsError.duplicateName(name: c.name) }
      guard !c.indicators.isEmpty else { throw AnalyticsError.emptyBlock(construct: c.name) }
    }
    var indicatorSet = Set<String>()
    for i in indicatorNames where !indicatorSet.insert(i).inserted { throw AnalyticsError.duplicateName(name: i) }
    let index = Dictionary(uniqueKeysWithValues: constructNames.enumerated().map { ($1, $0) })
    var adj = Array(repeating: Array(repeating: false, count: constructs.count), count: constructs.count)
    for p in paths {
      guard let f = index[p.from] else { throw AnalyticsError.unknownConstruct(name: p.from) }
      guard let t = index[p.to] else { throw AnalyticsError.unknownConstruct(name: p.to) }
      if f == t { throw AnalyticsError.cycleInPaths(constructs: [p.from, p.to]) }
      adj[f][t] = true
    }
    if let cycle = Self.findCycle(adj) { throw AnalyticsError.cycleInPaths(constructs: cycle.map { constructNames[$0] }) }
    return adj
  }

  /// Depth-first search for a directed cycle; returns it (closed, first node repeated) if any.
  static func findCycle(_ adj: [[Bool]]) -> [Int]? {
    let n = adj.count
    var state = [Int](repeating: 0, count: n)  // 0 new, 1 on stack, 2 done
    var stack: [Int] = []
    func visit(_ u: Int) -> [Int]? {
      state[u] = 1
      stack.append(u)
      for v in 0..<n where adj[u][v] {
        if state[v] == 1, let start = stack.firstIndex(of: v) { return Array(stack[start...]) + [v] }
        if state[v] == 0, let c = visit(v) { return c }
      }
      stack.removeLast()
      state[u] = 2
      return nil
    }
    for u in 0..<n where state[u] == 0 {
      if let c = visit(u) { return c }
    }
    return nil
  }
}

/// Inner weighting scheme used to build the inner proxies (Lohmöller 1989).
public enum InnerWeightingScheme: String, Sendable, Codable, CaseIterable {
  case path, centroid, factorial
}

/// Whether indicators are standardised (mean 0, variance 1) or only centred before estimation.
public enum IndicatorScaling: String, Sendable, Codable, CaseIterable {
  case standardized
  /// Centred, unscaled indicators (R plspm `scaled = FALSE`).
  case raw
}

/// How rows with missing indicator values are treated; the choice is recorded in the result.
public enum MissingValuePolicy: String, Sendable, Codable, CaseIterable {
  case listwiseDeletion
  /// Replace a missing value by the (case-weighted) mean of its column.
  case meanReplacement
}

/// Estimation settings. Defaults follow common PLS practice (path scheme, standardised data,
/// tolerance 1e-7, 300 iterations). R plspm's defaults are centroid, tol 1e-6, maxiter 100 —
/// set those explicitly to reproduce plspm output digit for digit.
public struct PLSSettings: Sendable, Codable, Equatable {
  public var scheme: InnerWeightingScheme
  public var scaling: IndicatorScaling
  /// Convergence when Σ(|w_old| − |w_new|)² < tolerance (plspm's criterion).
  public var tolerance: Double
  public var maxIterations: Int
  /// Sampling weights, one per data row (before missing-value treatment); `nil` = equal weights.
  public var caseWeights: [Double]?
  public var missingValues: MissingValuePolicy

  public init(
    scheme: InnerWeightingScheme = .path, scaling: IndicatorScaling = .standardized, tolerance: Double = 1e-7,
    maxIterations: Int = 300, caseWeights: [Double]? = nil, missingValues: MissingValuePolicy = .listwiseDeletion
  ) {
    self.scheme = scheme
    self.scaling = scaling
    self.tolerance = tolerance
    self.maxIterations = maxIterations
    self.caseWeights = caseWeights
    self.missingValues = missingValues
  }
}
