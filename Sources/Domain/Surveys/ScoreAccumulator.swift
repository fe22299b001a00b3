import Foundation

/// Running sums for 满意度 (weighted mean of scored values) and 满意率 (weighted share of top-box
/// answers), DOMAIN.md §4. Sums merge by addition, so group-bys can accumulate per cell and roll up
/// without revisiting answers.
public struct ScoreAccumulator: Sendable, Equatable, Codable {
  public private(set) var count: Int = 0
  public private(set) var sumWeights: Double = 0
  public private(set) var sumSquaredWeights: Double = 0
  public private(set) var sumWeightedValues: Double = 0
  public private(set) var sumWeightedSquares: Double = 0
  public private(set) var sumWeightedTopBox: Double = 0

  public init() {}

  /// The accumulator of sums computed elsewhere, e.g. by a database GROUP BY over answers.
  public init(
    count: Int, sumWeights: Double, sumSquaredWeights: Double, sumWeightedValues: Double, sumWeightedSquares: Double,
    sumWeightedTopBox: Double
  ) {
    self.count = count
    self.sumWeights = sumWeights
    self.sumSquaredWeights = sumSquaredWeights
    self.sumWeightedValues = sumWeightedValues
    self.sumWeightedSquares = sumWeightedSquares
    self.sumWeightedTopBox = sumWeightedTopBox
  }

  /// Adds one scored answer. Answers with a non-finite value or a weight that is not a positive
  /// finite number are ignored: they carry no information and would poison the sums.
  public mutating func add(value: Double, weight: Double = 1, topBox: Bool) {
    guard value.isFinite, weight.isFinite, weight > 0 else { return }
    count += 1
    sumWeights += weight
    sumSquaredWeights += weight * weight
    sumWeightedValues += weight * value
    sumWeightedSquares += weight * value * value
    if topBox { sumWeightedTopBox += weight }
  }

  public mutating func merge(_ other: ScoreAccumulator) {
    count += other.count
    sumWeights += other.sumWeights
    sumSquaredWeights += other.sumSquaredWeights
    sumWeightedValues += other.sumWeightedValues
    sumWeightedSquares += other.sumWeightedSquares
    sumWeightedTopBox += other.sumWeightedTopBox
  }

  /// Mean and rate with normal-approximation intervals using Kish's effective sample size
  /// n_eff = (Σw)² / Σw², so design weights widen the intervals honestly. nil when empty.
  public func summary(z: Double = 1.959964) -> ScoreSummary? {
    guard count > 0, sumWeights > 0 else { return nil }
    let n = Double(count)
    let effectiveN = sumWeights * sumWeights / sumSquaredWeights
    let mean = sumWeightedValues / sumWeights
    let variance = count > 1 ? max(0, sumWeightedSquares / sumWeights - mean * mean) * n / (n - 1) : 0
    let meanHalfWidth = z * (variance / effectiveN).squareRoot()
    let rate = min(1, max(0, sumWeightedTopBox / sumWeights))
    let rateHalfWidth = z * (rate * (1 - rate) / effectiveN).squareRoot()
    return ScoreSummary(
      n: count, effectiveN: effectiveN, mean: mean,
      meanCI: Interval(low: mean - meanHalfWidth, high: mean + meanHalfWidth),
      satisfactionRate: rate,
      rateCI: Interval(low: max(0, rate - rateHalfWidth), high: min(1, rate + rateHalfWidth)),
      smallSample: count < ScoreSummary.smallSampleThreshold)
  }
}

/// A closed interval [low, high].
public struct Interval: Codable, Sendable, Equatable {
  public let low: Double
  public let high: Double

  public init(low: Double, high: Double) {
    self.low = low
    self.high = high
  }
}

/// 满意度 and 满意率 of a group with 95 % (by default) confidence intervals. `smallSample` flags
/// groups too small to rank on, so reports can grey them out instead of hiding them.
public struct ScoreSummary: Codable, Sendable, Equatable {
  public let n: Int
  public let effectiveN: Double
  public let mean: Double
  public let meanCI: Interval
  public let satisfactionRate: Double
  public let rateCI: Interval
  public let smallSample: Bool

  public static let smallSampleThreshold = 30

  public init(
    n: Int, effectiveN: Double, mean: Double, meanCI: Interval, satisfactionRate: Double, rateCI: Interval,
    smallSample: Bool
  ) {
    self.n = n
    self.effectiveN = effectiveN
    self.mean = mean
    self.meanCI = meanCI
    self.satisfactionRate = satisfactionRate
    self.rateCI = rateCI
    self.smallSample = smallSample
  }
}
