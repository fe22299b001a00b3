import Foundation

/// An axis range with "nice" ticks: steps of 1, 2, 2.5 or 5 × 10^n.
public struct NiceScale: Sendable, Equatable {
  public let lower: Double
  public let upper: Double
  public let step: Double
  public let ticks: [Double]

  /// Inputs beyond this are clamped so that `upper - lower` can never overflow to infinity.
  static let magnitudeLimit = 1e300

  /// `integerSteps` is for counts: every tick a whole number (steps of 1, 2, 5, 10, …).
  public init(minimum: Double, maximum: Double, maxTickCount: Int = 5, integerSteps: Bool = false) {
    var low = minimum.isFinite ? minimum : 0
    var high = maximum.isFinite ? maximum : 0
    low = min(max(low, -Self.magnitudeLimit), Self.magnitudeLimit)
    high = min(max(high, -Self.magnitudeLimit), Self.magnitudeLimit)
    if low > high { swap(&low, &high) }
    // Sub-1e-200 magnitudes would underflow the step arithmetic; they are zero for charting.
    if abs(low) < 1e-200 { low = 0 }
    if abs(high) < 1e-200 { high = 0 }
    // A flat or vanishing range still needs a visible axis.
    let magnitude = max(abs(low), abs(high))
    if high - low <= magnitude * 1e-9 || high == low {
      let pad = magnitude > 0 ? magnitude * 0.1 : 1
      low -= pad
      high += pad
      if minimum >= 0 && low < 0 { low = 0 }  // all-zero bars: axis 0...1, not -1...1
    }
    let intervals = Double(min(max(maxTickCount, 1), 20))
    var step = Self.niceStep((high - low) / intervals)
    if integerSteps && step < 10 { step = step <= 1 ? 1 : step <= 2 ? 2 : 5 }
    var lower = (low / step + 1e-9).rounded(.down) * step
    var upper = (high / step - 1e-9).rounded(.up) * step
    if !(lower.isFinite && upper.isFinite) || upper <= lower { lower = low; upper = high }
    if integerSteps && upper - lower < step { upper = lower + step }
    let intervalCount = ((upper - lower) / step).rounded()
    let count = intervalCount.isFinite ? min(max(Int(min(intervalCount, 100)), 1), 100) : 1
    self.lower = lower
    self.upper = upper
    self.step = step
    self.ticks = (0...count).map { index in
      let tick = lower + Double(index) * step
      return abs(tick) < step * 1e-9 ? 0 : tick  // avoid "-0" and 1e-17 noise
    }
  }

  /// The smallest nice step that is at least `rawStep`.
  public static func niceStep(_ rawStep: Double) -> Double {
    guard rawStep.isFinite, rawStep > 0 else { return 1 }
    let base = pow(10, (log10(rawStep)).rounded(.down))
    let fraction = rawStep / base
    let tolerance = 1e-9
    let nice: Double =
      fraction <= 1 + tolerance
      ? 1
      : fraction <= 2 + tolerance
        ? 2
        : fraction <= 2.5 + tolerance
          ? 2.5
          : fraction <= 5 + tolerance ? 5 : 10
    return nice * base
  }

  /// Decimals needed to print every tick exactly (2.5 steps need one more).
  public var tickDecimals: Int {
    let exponent = (log10(step) + 1e-9).rounded(.down)
    let mantissa = step / pow(10, exponent)
    let extra = abs(mantissa - 2.5) < 1e-9 ? 1 : 0
    return min(max(Int(-exponent) + extra, 0), 7)  // 7 means "too fine": scientific labels
  }

  /// Maps a value to 0...1 along the axis, clamped so shapes never leave the plot.
  func fraction(_ value: Double) -> Double {
    guard value.isFinite, upper > lower else { return 0 }
    return min(max((value - lower) / (upper - lower), 0), 1)
  }
}
