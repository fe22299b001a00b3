/// Vertical grouped bars: one group per category, one bar per series.
public struct BarChart: Sendable, Equatable {
  public var title: String
  public var description: String
  public var categories: [String]
  public var series: [ChartSeries]
  public var valueFormat: ValueFormat
  /// Optional horizontal target line, e.g. a satisfaction target of 77.
  public var target: Double?
  /// Caller-supplied (localised) text shown before the target value.
  public var targetLabel: String?
  /// Shown instead of the chart when there is nothing to draw.
  public var noDataText: String

  public init(
    title: String, description: String = "", categories: [String], series: [ChartSeries],
    valueFormat: ValueFormat = .oneDecimal, target: Double? = nil, targetLabel: String? = nil,
    noDataText: String = ""
  ) {
    self.title = title
    self.description = description
    self.categories = categories
    self.series = series
    self.valueFormat = valueFormat
    self.target = target
    self.targetLabel = targetLabel
    self.noDataText = noDataText
  }

  public func svg(width: Int = 640, height: Int = 360) -> String {
    let canvas = ChartCanvas(width: width, height: height)
    let values = series.flatMap { seriesValues($0) }
    let finiteTarget = target.flatMap { $0.isFinite ? $0 : nil }
    guard !categories.isEmpty, !values.isEmpty else {
      return SVGBuilder.emptyDocument(
        width: canvas.width, height: canvas.height, title: title, description: description,
        kind: "bar", noDataText: noDataText)
    }
    let legend = Legend(names: series.count > 1 ? series.map(\.name) : [], availableWidth: canvas.width - 16, maxHeight: canvas.height / 4)
    let domain = values + [0] + (finiteTarget.map { [$0] } ?? [])
    let plotHeightGuess = canvas.height - legend.height - 60
    let scale = NiceScale(
      minimum: domain.min() ?? 0, maximum: domain.max() ?? 1,
      maxTickCount: max(2, Int(plotHeightGuess / 45)), integerSteps: valueFormat.decimals == 0)
    let plot = PlotArea(
      left: 8 + ValueAxis.labelWidth(scale, format: valueFormat), top: legend.height + 18,
      right: canvas.width - 12, bottom: canvas.height - 26)

    var svg = SVGBuilder()
    legend.draw(into: &svg, left: 8, top: 4)
    ValueAxis.drawHorizontal(into: &svg, scale: scale, plot: plot, format: valueFormat)
    let valueLabels = drawBars(into: &svg, scale: scale, plot: plot)
    ValueAxis.drawBaseline(into: &svg, plot: plot)
    drawCategoryLabels(into: &svg, plot: plot)
    if let finiteTarget {
      ValueAxis.drawTarget(
        finiteTarget, label: targetLabel, format: valueFormat, into: &svg, scale: scale, plot: plot,
        avoiding: valueLabels)
    }
    return SVGBuilder.document(
      width: canvas.width, height: canvas.height, title: title, description: description,
      kind: "bar", body: svg.markup)
  }

  /// Values that belong to a category; extra values beyond the categories are ignored.
  private func seriesValues(_ series: ChartSeries) -> [Double] {
    categories.indices.compactMap { series.value(at: $0) }
  }

  /// Draws the bars and returns the boxes of the value labels it wrote.
  private func drawBars(into svg: inout SVGBuilder, scale: NiceScale, plot: PlotArea) -> [LabelBox] {
    let band = plot.width / Double(categories.count)
    let barWidth = band * 0.8 / Double(max(series.count, 1))
    let zeroY = plot.y(0, on: scale)
    // Value labels only when the widest one fits over its bar; otherwise the tooltip carries it.
    let widestLabel =
      series.flatMap { seriesValues($0) }
      .map { TextMetrics.width(valueFormat.string($0), fontSize: ChartTheme.smallFontSize) }.max() ?? 0
    let showsValues = barWidth >= widestLabel + 2
    var boxes: [LabelBox] = []
    svg.open("g", [("class", "bars")])
    for (seriesIndex, item) in series.enumerated() {
      let color = ChartTheme.seriesColor(seriesIndex)
      for (categoryIndex, category) in categories.enumerated() {
        guard let value = item.value(at: categoryIndex) else { continue }
        let x = plot.left + Double(categoryIndex) * band + band * 0.1 + Double(seriesIndex) * barWidth
        let valueY = plot.y(value, on: scale)
        let label = valueFormat.string(value)
        let tooltip = series.count > 1 ? "\(category) · \(item.name): \(label)" : "\(category): \(label)"
        svg.linked(item.link(at: categoryIndex)) { svg in
          svg.element(
            "rect",
            [
              ("class", "bar"), ("x", num(x)), ("y", num(min(valueY, zeroY))),
              ("width", num(max(barWidth - 1, 0.5))), ("height", num(abs(zeroY - valueY))),
              ("fill", color),
            ], tooltip: tooltip)
          guard showsValues else { return }
          // Labels sit beyond the bar end: above positive bars, below negative ones.
          // When there is no room beyond the bar end, the label goes inside the bar in white.
          let inside = value < 0 ? valueY + 13 > plot.bottom : valueY - 15 < 0
          let labelY = value < 0 ? (inside ? valueY - 4 : valueY + 12) : (inside ? valueY + 13 : valueY - 4)
          boxes.append(
            LabelBox(label, x: x + barWidth / 2, baseline: labelY, fontSize: ChartTheme.smallFontSize, anchor: "middle"))
          svg.text(
            label,
            [
              ("class", "value"), ("x", num(x + barWidth / 2)), ("y", num(labelY)),
              ("text-anchor", "middle"), ("font-size", num(ChartTheme.smallFontSize)),
              ("fill", inside ? "#ffffff" : ChartTheme.text),
            ])
        }
      }
    }
    svg.close("g")
    return boxes
  }

  private func drawCategoryLabels(into svg: inout SVGBuilder, plot: PlotArea) {
    let band = plot.width / Double(categories.count)
    svg.open("g", [("class", "axis axis-x")])
    for (index, category) in categories.enumerated() {
      svg.fittedText(
        category, maxWidth: max(band - 4, 8), fontSize: ChartTheme.fontSize,
        [
          ("class", "category"), ("x", num(plot.left + (Double(index) + 0.5) * band)),
          ("y", num(plot.bottom + 17)), ("text-anchor", "middle"),
        ])
    }
    svg.close("g")
  }
}
