import Foundation
import Testing

@testable import Domain

@Suite("Satisfaction scores (满意度, 满意率)")
struct ScoreAccumulatorTests {
  /// Respondents who each gave one answer.
  static func accumulate(_ answers: [(value: Double, weight: Double, top: Bool)]) -> ScoreAccumulator {
    var accumulator = ScoreAccumulator()
    for answer in answers { accumulator.add(score: answer.value, topBoxShare: answer.top ? 1 : 0, weight: answer.weight) }
    return accumulator
  }

  static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance }

  @Test("Rule SV-SCORE-RESPONDENT: unweighted 100/80/60/40/0 → mean 56, rate 60 %, Kish n_eff 5")
  func unweighted() throws {
    // Setup: one answer per scale point; top box = the first three.
    let accumulator = Self.accumulate([(100, 1, true), (80, 1, true), (60, 1, true), (40, 1, false), (0, 1, false)])
    // Act
    let summary = try #require(accumulator.summary())
    // Check: Σx = 280 → mean 56. Σx² = 21600; 21600/5 − 56² = 1184; × 5/4 → s² = 1480.
    // n_eff = 25/5 = 5; half-width = 1.959964 × √(1480/5 = 296) = 33.72049568 → [22.27950432, 89.72049568].
    #expect(summary.n == 5)
    #expect(summary.effectiveN == 5)
    #expect(summary.mean == 56)
    #expect(Self.close(summary.meanCI.low, 22.279504320612126))
    #expect(Self.close(summary.meanCI.high, 89.72049567938788))
    // p = 3/5 = 0.6; shares are 0/1, so s² = p(1 − p) × 5/4 = 0.3; half-width = 1.959964 × √(0.3/5)
    // = 0.48009117 → [0.11990883, clipped 1].
    #expect(summary.satisfactionRate == 0.6)
    #expect(Self.close(summary.rateCI.low, 0.11990882857757112))
    #expect(summary.rateCI.high == 1)
    #expect(summary.smallSample)
  }

  @Test("Rule SV-SCORE-RESPONDENT: weighted 100×2, 60×1, 40×1 → mean 75, rate 75 %, n_eff 8/3")
  func weighted() throws {
    let accumulator = Self.accumulate([(100, 2, true), (60, 1, true), (40, 1, false)])
    let summary = try #require(accumulator.summary())
    // Σw = 4, Σw² = 6, Σwx = 300 → mean 75; n_eff = 16/6 = 2.6667.
    // Σwx² = 25200; 25200/4 − 75² = 675; × 3/2 → s² = 1012.5; s²/n_eff = 379.6875;
    // half-width = 1.959964 × 19.48557158 = 38.19101883 → [36.80898117, 113.19101883].
    #expect(summary.mean == 75)
    #expect(Self.close(summary.effectiveN, 8.0 / 3))
    #expect(Self.close(summary.meanCI.low, 36.80898117368332))
    #expect(Self.close(summary.meanCI.high, 113.19101882631668))
    // p = 3/4; s² = (3/4 − 0.5625) × 3/2 = 0.28125; s²/n_eff = 0.10546875; half-width 0.63651698
    // → [0.11348302, 1].
    #expect(summary.satisfactionRate == 0.75)
    #expect(Self.close(summary.rateCI.low, 0.11348301956138862))
    #expect(summary.rateCI.high == 1)
  }

  @Test("Rule SV-SCORE-CI: two answers 100 and 60 with z = 2 → mean 80 ± 40")
  func exactWithCustomZ() throws {
    let summary = try #require(Self.accumulate([(100, 1, true), (60, 1, true)]).summary(z: 2))
    // s² = ((10000 + 3600)/2 − 6400) × 2/1 = 800; √(800/2) = 20; ± 2 × 20.
    #expect(summary.meanCI == Interval(low: 40, high: 120))
    // p = 1 → zero width.
    #expect(summary.rateCI == Interval(low: 1, high: 1))
  }

  @Test("Rule SV-SCORE-CI: a single answer has zero spread")
  func single() throws {
    let summary = try #require(Self.accumulate([(80, 3, true)]).summary())
    #expect(summary.n == 1)
    #expect(summary.effectiveN == 1)  // 3²/9
    #expect(summary.mean == 80)
    #expect(summary.meanCI == Interval(low: 80, high: 80))
    #expect(summary.satisfactionRate == 1)
    #expect(summary.rateCI == Interval(low: 1, high: 1))
  }

  @Test("Rule SV-SCORE-CI: an empty group has no summary")
  func empty() {
    #expect(ScoreAccumulator().summary() == nil)
    #expect(ScoreAccumulator().count == 0)
  }

  @Test("Rule SV-SCORE-SMALL: fewer than 30 answers are flagged as a small sample", arguments: [(29, true), (30, false)])
  func smallSample(count: Int, flagged: Bool) throws {
    let accumulator = Self.accumulate(Array(repeating: (60, 1, true), count: count))
    #expect(try #require(accumulator.summary()).smallSample == flagged)
    #expect(ScoreSummary.smallSampleThreshold == 30)
  }

  @Test("Rule SV-SCORE-RESPONDENT: merging group accumulators equals adding all answers")
  func merge() {
    // Setup: integer values and weights keep every sum exact.
    let left: [(value: Double, weight: Double, top: Bool)] = [(100, 2, true), (40, 1, false), (80, 3, true)]
    let right: [(value: Double, weight: Double, top: Bool)] = [(0, 1, false), (60, 4, true)]
    // Act
    var merged = Self.accumulate(left)
    merged.merge(Self.accumulate(right))
    // Check
    #expect(merged == Self.accumulate(left + right))
    #expect(merged.count == 5)
    #expect(merged.summary() == Self.accumulate(left + right).summary())
    var empty = ScoreAccumulator()
    empty.merge(merged)
    #expect(empty == merged)
  }

  @Test("Rule SV-SCORE-RESPONDENT: respondents with a non-positive or non-finite weight, score or share are ignored")
  func ignoredAnswers() {
    var accumulator = ScoreAccumulator()
    accumulator.add(score: 80, topBoxShare: 1, weight: 0)
    accumulator.add(score: 80, topBoxShare: 1, weight: -1)
    accumulator.add(score: .nan, topBoxShare: 1)
    accumulator.add(score: 80, topBoxShare: .nan)
    accumulator.add(score: 80, topBoxShare: 1, weight: .infinity)
    accumulator.add(RespondentAnswers())
    #expect(accumulator == ScoreAccumulator())
  }

  @Test("Rule SV-SCORE-RESPONDENT: n counts respondents, and the interval comes from the spread between respondents")
  func respondentsNotAnswers() throws {
    // Setup: two respondents answer a module's three items; A gives 100, 80, 60 (two top box of
    // three? all three are top box), B gives 40, 40, 0 (none).
    var a = RespondentAnswers()
    for v in [100.0, 80, 60] { a.add(value: v, topBox: true) }
    var b = RespondentAnswers()
    for v in [40.0, 40, 0] { b.add(value: v, topBox: false) }
    var accumulator = ScoreAccumulator()
    // Act
    accumulator.add(a)
    accumulator.add(b)
    let summary = try #require(accumulator.summary())
    // Check: respondent scores 80 and 80/3; n = 2 (not 6 answers).
    #expect(summary.n == 2)
    #expect(Self.close(summary.mean, (80 + 80.0 / 3) / 2))
    // s² = ((80² + (80/3)²)/2 − mean²) × 2 = 1422.2222; half-width = 1.959964 × √(s²/2) = 52.2657…
    let mean = (80 + 80.0 / 3) / 2
    let variance = ((6400 + 6400.0 / 9) / 2 - mean * mean) * 2
    let half = 1.959964 * (variance / 2).squareRoot()
    #expect(Self.close(summary.meanCI.low, mean - half))
    #expect(Self.close(summary.meanCI.high, mean + half))
    // Shares 1 and 0: rate 0.5, s² = 0.25 × 2 = 0.5; half-width 1.959964 × √0.25 ≈ 0.98 → [0, 1].
    #expect(summary.satisfactionRate == 0.5)
    #expect(summary.rateCI == Interval(low: 0, high: 1))
    // Six answers treated as independent would have claimed a much narrower interval.
    var answers = ScoreAccumulator()
    for v in [100.0, 80, 60, 40, 40, 0] { answers.add(score: v, topBoxShare: v >= 60 ? 1 : 0) }
    #expect(try #require(answers.summary()).n == 6)
    #expect(try #require(answers.summary()).meanCI.high - mean < half)
  }

  @Test("Rule SV-SCORE-RESPONDENT: a respondent's score is the mean of their answers, their share the top-box fraction")
  func respondentAnswers() {
    var r = RespondentAnswers()
    #expect(r.score == nil && r.topBoxShare == nil)
    r.add(value: 100, topBox: true)
    r.add(value: 40, topBox: false)
    r.add(value: .nan, topBox: true)
    #expect(r.count == 2)
    #expect(r.score == 70)
    #expect(r.topBoxShare == 0.5)
  }

  @Test("Rule SV-SCORE-ROLLUP: accumulators round-trip through JSON, so group sums can be stored")
  func codable() throws {
    let accumulator = Self.accumulate([(100, 2, true), (40, 1, false)])
    let data = try JSONEncoder().encode(accumulator)
    #expect(try JSONDecoder().decode(ScoreAccumulator.self, from: data) == accumulator)
  }
}
