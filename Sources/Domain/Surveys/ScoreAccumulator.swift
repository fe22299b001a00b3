import Foundation

/// Running sums for 满意度 (weighted mean of respondents' scores) and 满意率 (weighted mean of the share
/// of each respondent's answers that are top-box), SV-SCORE-RESPONDENT. The unit of analysis is the
/// respondent: a respondent who answers three items of a module adds one score to the module (the
/// mean of the three), so n counts respondents and the intervals come from the spread between
/// respondents — answers of one person are not independent draws. Sums merge by addition, so
/// group-bys can accumulate per cell and roll up without revisiting answers.
public struct ScoreAccumulator: Sendable, Equatable, Codable {
  /// Respondents added.
  public private(set) var count: Int = 0
  public private(set) var sumWeights: Double = 0
  public private(set) var sumSquaredWeights: Double = 0
  public private(set) var sumWeightedValues: Double = 0
  public private(set) var sumWeightedSquares: Double = 0
  public private(set) var sumWeightedTopBox: Double = 0
  public private(set) var sumWeightedTopBoxSquares: Double = 0

  public init() {}

  /// The accumulator of sums computed elsewhere, e.g. by a database GROUP BY over respondents.
  public init(
    count: Int, sumWeights: Double, sumSquaredWeights: Double, sumWeightedValues: Double, sumWeightedSquares: Double,
    sumWeightedTopBox: Double, sumWeightedTopBoxSquares: Double
  ) {
    self.count = count
    self.sumWeights = sumWeights
    self.sumSquaredWeights = sumSquaredWeights
    self.sumWeightedValues = sumWeightedValues
    self.sumWeightedSquares = sumWeightedSquares
    self.sumWeightedTopBox = sumWeightedTopBox
    self.sumWeightedTopBoxSquares = sumWeightedTopBoxSquares
  }

  /// Adds one respondent: their score in the group (the mean of their scored answers) and the
  /// share of those answers in the top boxes (0…1). A respondent with a non-finite score or share
  /// or a weight that is not a positive finite number is ignored: they would poison the sums.
  public mutating func add(score: Double, topBoxShare: Double, weight: Double = 1) {
    guard score.isFinite, topBoxShare.isFinite, weight.isFinite, weight > 0 else { return }
    count += 1
    sumWeights += weight
    sumSquaredWeights += weight * weight
    sumWeightedValues += weight * score
    sumWeightedSquares += weight * score * score
    sumWeightedTopBox += weight * topBoxShare
    sumWeightedTopBoxSquares += weight * topBoxShare * topBoxShare
  }

  /// Adds one respondent's answers to the group (at least one), as their mean and top-box share.
  public mutating func add(_ answers: RespondentAnswers, weight: Double = 1) {
    guard let score = answers.score, let share = answers.topBoxShare else { return }
    add(score: score, topBoxShare: share, weight: weight)
  }

  public mutating func merge(_ other: ScoreAccumulator) {
    count += other.count
    sumWeights += other.sumWeights
    sumSquaredWeights += other.sumSquaredWeights
    sumWeightedValues += other.sumWeightedValues
    sumWeightedSquares += other.sumWeightedSquares
    sumWeightedTopBox += other.sumWeightedTopBox
    sumWeightedTopBoxSquares += other.sumWeightedTopBoxSquares
  }

  /// Mean and rate with normal-approximation intervals from the weighted variance between
  /// respondents and Kish's effective sample size n_eff = (Σw)² / Σw², so design weights widen the
  /// intervals honestly. nil when empty.
  public func summary(z: Double = 1.959964) -> ScoreSummary? {
    guard count > 0, sumWeights > 0 else { return nil }
    let effectiveN = sumWeights * sumWeights / sumSquaredWeights
    let mean = sumWeightedValues / sumWeights
    let rate = min(1, max(0, sumWeightedTopBox / sumWeights))
    let meanHalfWidth = z * (variance(sumWeightedSquares, mean) / effectiveN).squareRoot()
    let rateHalfWidth = z * (variance(sumWeightedTopBoxSquares, rate) / effectiveN).squareRoot()
    return ScoreSummary(
      n: count, effectiveN: effectiveN, mean: mean,
      meanCI: Interval(low: mean - meanHalfWidth, high: mean + meanHalfWidth),
      satisfactionRate: rate,
      rateCI: Interval(low: max(0, rate - rateHalfWidth), high: min(1, rate + rateHalfWidth)),
      smallSample: count < ScoreSummary.smallSampleThreshold)
  }

  /// The weighted sample variance between respondents, with the n/(n−1) correction.
  private func variance(_ sumWeightedSquares: Double, _ mean: Double) -> Double {
    guard count > 1 else { return 0 }
    let n = Double(count)
    return max(0, sumWeightedSquares / sumWeights - mean * mean) * n / (n - 1)
  }
}

/// One respondent's answers within one group (a module, the whole questionnaire, …): their
/// score is the mean of the scored values, their top-box share the fraction in the top boxes.
public struct RespondentAnswers: Sendable, Equatable {
  public private(set) var count = 0
  public private(set) var sum: Double = 0
  public private(set) var topBox = 0

  public init() {}

  public mutating func add(value: Double, topBox isTop: Bool) {
    guard value.isFinite else { return }
    count += 1
    sum += value
    if isTop { topBox += 1 }
  }

  public var score: Double? { count > 0 ? sum / Double(count) : nil }
  public var topBoxShare: Double? { count > 0 ? Double(topBox) / Double(count) : nil }
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
