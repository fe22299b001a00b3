import Foundation

/// Bootstrap settings. The seed makes runs reproducible; every resample draws from its own
/// stream derived from (seed, resample index), so results do not depend on thread scheduling.
public struct BootstrapSettings: Sendable, Codable, Equatable {
  public var resamples: Int
  public var seed: UInt64
  /// Two-sided confidence level of the percentile intervals, e.g. 0.95.
  public var confidenceLevel: Double
  /// Spread resamples over all cores with `DispatchQueue.concurrentPerform`.
  public var parallel: Bool

  public init(resamples: Int = 500, seed: UInt64 = 20_240_601, confidenceLevel: Double = 0.95, parallel: Bool = true) {
    self.resamples = resamples
    self.seed = seed
    self.confidenceLevel = confidenceLevel
    self.parallel = parallel
  }
}

/// Original estimate with its bootstrap distribution summary.
public struct ConfidenceInterval: Sendable, Equatable, Codable {
  public let estimate: Double
  public let bootstrapMean: Double
  public let standardError: Double
  /// Percentile bounds (R quantile type 7).
  public let lower: Double
  public let upper: Double
}

/// A labelled interval for a structural quantity (`from -> to`).
public struct RelationInterval: Sendable, Equatable, Codable {
  public let from: String
  public let to: String
  public let interval: ConfidenceInterval
}

public struct PLSBootstrapResult: Sendable {
  public let settings: BootstrapSettings
  /// Resamples that produced an estimate; failed ones (e.g. a constant indicator in the resample)
  /// are skipped and counted in `failedResamples`.
  public let successfulResamples: Int
  public let failedResamples: Int
  /// Indicator order as in `PLSResult.indicatorNames`.
  public let outerWeights: [ConfidenceInterval]
  public let loadings: [ConfidenceInterval]
  public let paths: [RelationInterval]
  public let totalEffects: [RelationInterval]
}

/// Thread-safe slots for per-resample results written from `concurrentPerform`.
private final class ResampleSlots: @unchecked Sendable {
  private var slots: [[Double]?]
  private let lock = NSLock()

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func store(_ value: [Double]?, at index: Int) {
    lock.lock()
    slots[index] = value
    lock.unlock()
  }

  var values: [[Double]?] {
    lock.lock()
    defer { lock.unlock() }
    return slots
  }
}

public enum PLSBootstrap {
  /// Re-estimates the model of `result` on `settings.resamples` resamples (rows drawn with
  /// replacement, each keeping its case weight) and returns percentile intervals.
  public static func run(_ result: PLSResult, settings: BootstrapSettings = BootstrapSettings()) throws -> PLSBootstrapResult {
    let adjacency = try result.model.validatedAdjacency()
    let names = result.constructNames
    let edges = try result.model.paths.map { (try result.constructIndex($0.from), try result.constructIndex($0.to)) }
    let reach = StructuralEffects.reachability(adjacency)
    let effectPairs: [(Int, Int)] = names.indices.flatMap { f in
      names.indices.filter { t in f != t && reach[f][t] }.map { (f, $0) }
    }
    let p = result.indicatorNames.count
    let statistics: @Sendable (PLSResult) -> [Double] = { r in
      r.outerWeights + r.loadings + edges.map { r.pathCoefficients[$0.0, $0.1] } + effectPairs.map { r.totalEffects[$0.0, $0.1] }
    }
    let original = statistics(result)
    let draws = try resampleStatistics(result, settings: settings, statistic: statistics)
    let intervals = percentileIntervals(original: original, draws: draws, level: settings.confidenceLevel)
    let pathStart = 2 * p
    let effectStart = pathStart + edges.count
    return PLSBootstrapResult(
      settings: settings, successfulResamples: draws.count, failedResamples: settings.resamples - draws.count,
      outerWeights: Array(intervals[0..<p]), loadings: Array(intervals[p..<(2 * p)]),
      paths: edges.enumerated().map { RelationInterval(from: names[$1.0], to: names[$1.1], interval: intervals[pathStart + $0]) },
      totalEffects: effectPairs.enumerated().map {
        RelationInterval(from: names[$1.0], to: names[$1.1], interval: intervals[effectStart + $0])
      })
  }

  /// Runs `statistic` on every resample (in parallel when asked). Each resample uses its own
  /// generator seeded from (seed, index), so the output is identical for any thread count.
  /// Resamples whose estimation throws are dropped. Shared by PLS, CSI and IPMA intervals.
  public static func resampleStatistics(
    _ result: PLSResult, settings: BootstrapSettings, statistic: @escaping @Sendable (PLSResult) throws -> [Double]
  ) throws -> [[Double]] {
    guard settings.resamples >= 2 else { throw AnalyticsError.invalidArgument("bootstrap needs at least 2 resamples") }
    guard settings.confidenceLevel > 0, settings.confidenceLevel < 1 else {
      throw AnalyticsError.invalidArgument("confidence level must be in (0, 1), got \(settings.confidenceLevel)")
    }
    let adjacency = try result.model.validatedAdjacency()
    let n = result.data.rowCount
    let slots = ResampleSlots(count: settings.resamples)
    let work: @Sendable (Int) -> Void = { index in
      var rng = Xoshiro256StarStar(seed: settings.seed, stream: UInt64(index))
      let rows = (0..<n).map { _ in Int(rng.next() % UInt64(n)) }
      let sample = result.data.resampled(rows: rows)
      let value = try? statistic(
        PLSEstimator.estimate(model: result.model, adjacency: adjacency, data: sample, settings: result.settings))
      slots.store(value, at: index)
    }
    if settings.parallel {
      DispatchQueue.concurrentPerform(iterations: settings.resamples, execute: work)
    } else {
      for i in 0..<settings.resamples { work(i) }
    }
    let draws = slots.values.compactMap { $0 }
    guard draws.count >= 2 else {
      throw AnalyticsError.insufficientData(
        context: "only \(draws.count) of \(settings.resamples) bootstrap resamples could be estimated")
    }
    return draws
  }

  /// Percentile intervals (R quantile type 7) and bootstrap standard errors per statistic.
  public static func percentileIntervals(original: [Double], draws: [[Double]], level: Double) -> [ConfidenceInterval] {
    let alpha = (1 - level) / 2
    return original.indices.map { k in
      let values = draws.map { $0[k] }.sorted()
      let mean = values.reduce(0, +) / Double(values.count)
      let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(values.count - 1, 1))
      return ConfidenceInterval(
        estimate: original[k], bootstrapMean: mean, standardError: variance.squareRoot(),
        lower: WeightedStatistics.quantile(sorted: values, probability: alpha),
        upper: WeightedStatistics.quantile(sorted: values, probability: 1 - alpha))
    }
  }
}
