import Testing
import XMLEscaping

@testable import Charts

@Suite struct NiceScaleTests {
  @Test(
    "Nice step is the smallest of 1, 2, 2.5, 5 × 10^n not below the raw step",
    arguments: [
      (0.7, 1.0), (1.0, 1.0), (1.3, 2.0), (2.0, 2.0), (2.2, 2.5), (2.5, 2.5), (3.0, 5.0),
      (5.0, 5.0), (7.0, 10.0), (15.4, 20.0), (0.03, 0.05), (0.1, 0.1), (240, 250), (1e12, 1e12),
    ])
  func niceStep(raw: Double, expected: Double) {
    #expect(abs(NiceScale.niceStep(raw) - expected) <= expected * 1e-12)
  }

  @Test(
    "Ticks for typical ranges",
    arguments: [
      (0.0, 100.0, 5, [0.0, 20, 40, 60, 80, 100]),
      (0.0, 77.0, 5, [0.0, 20, 40, 60, 80]),
      (-12.0, 30.0, 5, [-20.0, -10, 0, 10, 20, 30]),
      (0.0, 9.0, 4, [0.0, 2.5, 5, 7.5, 10]),
      (3.2, 4.1, 5, [3.2, 3.4, 3.6, 3.8, 4.0, 4.2]),
    ])
  func ticks(minimum: Double, maximum: Double, count: Int, expected: [Double]) {
    let scale = NiceScale(minimum: minimum, maximum: maximum, maxTickCount: count)
    #expect(scale.ticks.count == expected.count)
    for (tick, want) in zip(scale.ticks, expected) { #expect(abs(tick - want) < 1e-9) }
    #expect(scale.lower <= minimum && scale.upper >= maximum)
  }

  @Test("Degenerate ranges still give a finite, increasing axis")
  func degenerate() {
    for (low, high) in [
      (0.0, 0.0), (5.0, 5.0), (-3.0, -3.0), (.nan, .infinity), (-1e308, 1e308),
      (Double.leastNonzeroMagnitude, 4 * Double.leastNonzeroMagnitude),
    ] {
      let scale = NiceScale(minimum: low, maximum: high)
      #expect(scale.lower.isFinite && scale.upper.isFinite && scale.step.isFinite)
      #expect(scale.upper > scale.lower)
      #expect(scale.ticks.count >= 2 && scale.ticks.count <= 101)
    }
  }

  @Test("Tick decimals follow the step (2.5 steps need one more)")
  func tickDecimals() {
    #expect(NiceScale(minimum: 0, maximum: 100).tickDecimals == 0)
    #expect(NiceScale(minimum: 0, maximum: 9, maxTickCount: 4).tickDecimals == 1)
    #expect(NiceScale(minimum: 3.2, maximum: 4.1).tickDecimals == 1)
    #expect(NiceScale(minimum: 0, maximum: 1, maxTickCount: 4).tickDecimals == 2)
    // Finer than 1e-6: the axis switches to scientific labels instead of printing "0.000000".
    let tiny = NiceScale(minimum: 1e-12, maximum: 3e-12)
    #expect(tiny.tickDecimals == 7)
    #expect(ValueFormat().withDecimals(tiny.tickDecimals).string(2e-12) == "2.00e-12")
  }

  @Test("All-zero data gets a 0...1 axis, not one centred on zero")
  func allZero() {
    let scale = NiceScale(minimum: 0, maximum: 0)
    #expect(scale.lower == 0 && scale.upper == 1)
  }
}

@Suite struct FormattingTests {
  @Test("Fixed decimals, no locale, no negative zero")
  func valueFormat() {
    #expect(ValueFormat(decimals: 1).string(77) == "77.0")
    #expect(ValueFormat(decimals: 2, suffix: "%").string(3.14159) == "3.14%")
    #expect(ValueFormat(decimals: 0).string(-0.2) == "0")
    #expect(ValueFormat(decimals: 1).string(-12.34) == "-12.3")
    #expect(ValueFormat(decimals: 3).string(0.0005) == "0.001")
    #expect(ValueFormat(decimals: 1).string(1e300).contains("e+300"))
  }

  @Test("SVG numbers have at most two decimals and never NaN")
  func svgNumber() {
    #expect(SVGNumber.format(12.345) == "12.35")
    #expect(SVGNumber.format(12.5) == "12.5")
    #expect(SVGNumber.format(-0.001) == "0")
    #expect(SVGNumber.format(.nan) == "0")
    #expect(SVGNumber.format(100) == "100")
  }

  @Test("XML escaping of markup characters, the one escaper charts and spreadsheets share")
  func escaping() {
    #expect(XMLEscaping.escaped(#"a<b & "c" 'd'>"#) == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")
    #expect(XMLEscaping.escaped("供电\u{0}服务\u{FFFE}") == "供电服务")
    #expect(XMLEscaping.escaped("a\r\nb\tc") == "a&#13;\nb\tc")
    #expect(XMLEscaping.escaped("供电服务 plain") == "供电服务 plain")
  }

  @Test("Long Chinese labels are cut with an ellipsis to fit")
  func truncation() {
    let label = "供电服务热线接听及时率与工单回访满意度"
    let cut = TextMetrics.truncate(label, maxWidth: 60, fontSize: 12)
    #expect(cut.hasSuffix("…"))
    #expect(TextMetrics.width(cut, fontSize: 12) <= 60)
    #expect(TextMetrics.truncate("抢修", maxWidth: 60, fontSize: 12) == "抢修")
  }
}
