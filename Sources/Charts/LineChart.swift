/// Lines over ordered x labels (e.g. months); a missing value breaks the line.
public struct LineChart: Sendable, Equatable {
  public var title: String
  public var description: String
  public var xLabels: [String]
  public var series: [ChartSeries]
  public var valueFormat: ValueFormat
  public var target: Double?
  public var targetLabel: String?
  /// Forces zero into the value axis; off by default because trends read better zoomed in.
  public var includesZero: Bool
  public var noDataText: String

  public init(
    title: String, description: String = "", xLabels: [String], series: [ChartSeries],
    valueFormat: ValueFormat = .oneDecimal, target: Double? = nil, targetLabel: String? = nil,
    includesZero: Bool = false, noDataText: String = ""
  ) {
    self.title = title
    self.description = description
    self.xLabels = xLabels
    self.series = series
    self.valueFormat = valueFormat
    self.target = target
    self.targetLabel = targetLabel
    self.includesZero = includesZero
    self.noDataText = noDataText
  }

  public func svg(width: Int = 640, height: Int = 360) -> String {
    let canvas = ChartCanvas(width: width, height: height)
    let values = series.flatMap { item in xLabels.indices.compactMap { item.value(at: $0) } }
    let finiteTarget = target.flatMap { $0.isFinite ? $0 : nil }
    guard !xLabels.isEmpty, !values.isEmpty else {
      return SVGBuilder.emptyDocument(
        width: canvas.width, height: canvas.height, title: title, description: description,
        kind: "line", noDataText: noDataText)
    }
    let legend = Legend(names: series.map(\.name), availableWidth: canvas.width - 16, maxHeight: canvas.height / 4)
    let domain = values + (includesZero ? [0] : []) + (finiteTarget.map { [$0] } ?? [])
    let scale = NiceScale(
      minimum: domain.min() ?? 0, maximum: domain.max() ?? 1,
      maxTickCount: max(2, Int((canvas.height - legend.height - 60) / 45)), integerSteps: valueFormat.decimals == 0)
    let plot = PlotArea(
      left: 8 + ValueAxis.labelWidth(scale, format: valueFormat), top: legend.height + 14,
      right: canvas.width - 12, bottom: canvas.height - 26)

    var svg = SVGBuilder()
    legend.draw(into: &svg, left: 8, top: 4)
    ValueAxis.drawHorizontal(into: &svg, scale: scale, plot: plot, format: valueFormat)
    ValueAxis.drawBaseline(into: &svg, plot: plot)
    drawXLabels(into: &svg, plot: plot)
    if let finiteTarget {
      ValueAxis.drawTarget(
        finiteTarget, label: targetLabel, format: valueFormat, into: &svg, scale: scale, plot: plot)
    }
    for (index, item) in series.enumerated() {
      drawSeries(item, color: ChartTheme.seriesColor(index), into: &svg, scale: scale, plot: plot)
    }
    return SVGBuilder.document(
      width: canvas.width, height: canvas.height, title: title, description: description,
      kind: "line", body: svg.markup)
  }

  private func x(_ index: Int, plot: PlotArea) -> Double {
    plot.left + (Double(index) + 0.5) * plot.width / Double(xLabels.count)
  }

  /// Runs of consecutive present values; each run becomes one path.
  private func segments(_ item: ChartSeries) -> [[Int]] {
    var runs: [[Int]] = []
    var current: [Int] = []
    for index in xLabels.indices {
      if item.value(at: index) != nil {
        current.append(index)
      } else if !current.isEmpty {
        runs.append(current)
        current = []
      }
    }
    if !current.isEmpty { runs.append(current) }
    return runs
  }

  private func drawSeries(
    _ item: ChartSeries, color: String, into svg: inout SVGBuilder, scale: NiceScale, plot: PlotArea
  ) {
    svg.open("g", [("class", "series")])
    for run in segments(item) where run.count > 1 {
      let path = run.enumerated().map { offset, index in
        let y = plot.y(item.value(at: index) ?? 0, on: scale)
        return "\(offset == 0 ? "M" : "L")\(num(x(index, plot: plot))) \(num(y))"
      }.joined(separator: " ")
      svg.empty(
        "path",
        [("class", "line"), ("d", path), ("fill", "none"), ("stroke", color), ("stroke-width", "2")])
    }
    for index in xLabels.indices {
      guard let value = item.value(at: index) else { continue }
      let tooltip = "\(item.name) · \(xLabels[index]): \(valueFormat.string(value))"
      svg.linked(item.link(at: index)) { svg in
        svg.element(
          "circle",
          [
            ("class", "point"), ("cx", num(x(index, plot: plot))), ("cy", num(plot.y(value, on: scale))),
            ("r", "3.5"), ("fill", "#ffffff"), ("stroke", color), ("stroke-width", "2"),
          ], tooltip: tooltip)
      }
    }
    svg.close("g")
  }

  /// Thins labels when they would overlap, always keeping the first one.
  private func drawXLabels(into svg: inout SVGBuilder, plot: PlotArea) {
    let band = plot.width / Double(xLabels.count)
    let widest = xLabels.map { TextMetrics.width($0, fontSize: ChartTheme.smallFontSize) }.max() ?? 0
    let every = max(1, Int((min(widest, 90) + 6) / band) + 1)
    svg.open("g", [("class", "axis axis-x")])
    for (index, label) in xLabels.enumerated() where index % every == 0 {
      svg.fittedText(
        label, maxWidth: max(band * Double(every) - 4, 8), fontSize: ChartTheme.smallFontSize,
        [
          ("class", "category"), ("x", num(x(index, plot: plot))), ("y", num(plot.bottom + 16)),
          ("text-anchor", "middle"), ("font-size", num(ChartTheme.smallFontSize)),
        ])
    }
    svg.close("g")
  }
}
