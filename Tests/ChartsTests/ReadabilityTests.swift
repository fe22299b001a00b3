import Testing

@testable import Charts

/// Charts people can read: text no smaller than 11 px at the drawn size, whole-number ticks on
/// count axes, and no label drawn over another.
@Suite struct ReadabilityTests {
  static let units = ["城关所", "东城所", "西城所", "南郊所", "北郊所", "河口所", "山前所", "湖滨所"]

  /// Every chart kind, as the pages draw them.
  static var everyChart: [(String, String)] {
    [
      ("bar", ChartFixtures.bar().svg(width: 520, height: 320)),
      (
        "bar-counts",
        BarChart(
          title: "工单量", categories: ["投诉", "举报", "意见"], series: [ChartSeries(name: "工单", values: [3, 1, 2])],
          valueFormat: .integer
        ).svg(width: 520, height: 320)
      ),
      (
        "line",
        LineChart(
          title: "趋势", xLabels: ["2026-01", "2026-02", "2026-03"],
          series: [ChartSeries(name: "工单", values: [4, 7, 5]), ChartSeries(name: "投诉", values: [1, 0, 2])],
          valueFormat: .integer, includesZero: true
        ).svg(width: 520, height: 320)
      ),
      (
        "radar",
        RadarChart(
          title: "模块", axes: ChartFixtures.modules, series: [ChartSeries(name: "2026", values: [81, 77, 70, 88])]
        ).svg(width: 520, height: 320)
      ),
      ("scatter", ChartFixtures.ipma().svg(width: 520, height: 400)),
    ]
  }

  @Test("No chart text is smaller than 11 px at the size it is drawn")
  func textSizes() {
    for (kind, source) in Self.everyChart {
      let svg = SVGInspector(source)
      for index in svg.elements.indices where svg.elements[index].name == "text" {
        #expect(svg.fontSize(of: index) >= 11, "\(kind): “\(svg.ownTexts[index])” at \(svg.fontSize(of: index)) px")
      }
    }
  }

  @Test("Count axes tick at whole numbers only")
  func integerTicks() {
    #expect(NiceScale(minimum: 0, maximum: 3, maxTickCount: 6, integerSteps: true).ticks == [0, 1, 2, 3])
    #expect(NiceScale(minimum: 0, maximum: 0, maxTickCount: 6, integerSteps: true).ticks == [0, 1])
    #expect(NiceScale(minimum: 0, maximum: 1, maxTickCount: 6, integerSteps: true).ticks == [0, 1])
    #expect(NiceScale(minimum: 0, maximum: 9, maxTickCount: 4, integerSteps: true).ticks == [0, 5, 10])
    for maximum in [1.0, 2, 3, 7, 11, 24, 99, 1234] {
      let scale = NiceScale(minimum: 0, maximum: maximum, maxTickCount: 6, integerSteps: true)
      #expect(scale.ticks.allSatisfy { $0 == $0.rounded() }, "\(maximum): \(scale.ticks)")
      #expect(scale.upper >= maximum)
    }
    for (kind, source) in Self.everyChart where kind == "bar-counts" || kind == "line" {
      let svg = SVGInspector(source)
      let labels = svg.elements.indices.filter { svg.elements[$0].classes.contains("tick") }.map { svg.ownTexts[$0] }
      #expect(!labels.isEmpty)
      #expect(labels.allSatisfy { Int($0) != nil }, "\(kind): \(labels)")
    }
  }

  @Test("No label covers another in any chart kind")
  func noOverlaps() {
    for (kind, source) in Self.everyChart {
      let overlaps = SVGInspector(source).overlappingTexts()
      #expect(overlaps.isEmpty, "\(kind): \(overlaps)")
    }
  }

  @Test("The target label moves away from a bar's value label it would cover")
  func targetLabelAvoidsValueLabels() {
    // The last bar ends just above the target line, right where the target label would sit.
    let chart = BarChart(
      title: "各供电所满意度", categories: Self.units,
      series: [ChartSeries(name: "满意度", values: [70, 72, 74, 75, 73, 71, 76, 77.6])], target: 77, targetLabel: "考核目标")
    let svg = SVGInspector(chart.svg(width: 520, height: 320))
    svg.expectValidChart(title: "各供电所满意度")
    let boxes = svg.textBoxes()
    let target = boxes.filter { $0.text.hasPrefix("考核目标") }
    #expect(target.count == 1)
    #expect(svg.count("text", class: "value") == 8)
    #expect(svg.overlappingTexts().isEmpty, "\(svg.overlappingTexts())")
  }
}

extension ReadabilityTests {
  @Test("Names of close scatter points are placed apart, or left to the tooltip, never over each other")
  func scatterLabelsApart() {
    // Twelve indicators bunched in one corner, as IPMA results often are.
    let names = ["抢修及时性", "电费透明度", "热线接通率", "停电通知", "营业厅环境", "业扩时限", "表计准确", "电压质量", "催费方式", "投诉处理", "网上国网", "服务态度"]
    let points = names.enumerated().map { index, name in
      ScatterPoint(label: name, x: 0.10 + Double(index % 4) * 0.004, y: 75 + Double(index / 4) * 0.6)
    }
    let chart = ScatterChart(
      title: "IPMA", points: points, xAxisTitle: "重要性", yAxisTitle: "表现", xDivider: 0.105, yDivider: 76,
      quadrantLabels: ChartFixtures.quadrants)
    let svg = SVGInspector(chart.svg(width: 520, height: 400))
    svg.expectValidChart(title: "IPMA")
    #expect(svg.count("circle", class: "point") == 12)
    #expect(svg.count("text", class: "point-label") >= 6)
    #expect(svg.overlappingTexts().isEmpty, "\(svg.overlappingTexts())")
    // Every name stays available: on the plot or in its point's tooltip.
    for name in names { #expect(svg.allText.contains(name)) }
  }
}
