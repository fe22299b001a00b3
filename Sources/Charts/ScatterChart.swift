/// One labelled point, e.g. an indicator with its importance (x) and performance (y).
public struct ScatterPoint: Sendable, Equatable {
  public var label: String
  public var x: Double
  public var y: Double
  public var link: String?

  public init(label: String, x: Double, y: Double, link: String? = nil) {
    self.label = label
    self.x = x
    self.y = y
    self.link = link
  }
}

/// Texts for the four quadrants, by position (e.g. IPMA: bottomRight = 重点改进区).
public struct QuadrantLabels: Sendable, Equatable {
  public var topLeft: String
  public var topRight: String
  public var bottomLeft: String
  public var bottomRight: String

  public init(topLeft: String, topRight: String, bottomLeft: String, bottomRight: String) {
    self.topLeft = topLeft
    self.topRight = topRight
    self.bottomLeft = bottomLeft
    self.bottomRight = bottomRight
  }
}

/// A scatter plot with optional dividing lines (e.g. at the means) and quadrant labels.
public struct ScatterChart: Sendable, Equatable {
  public var title: String
  public var description: String
  public var points: [ScatterPoint]
  public var xAxisTitle: String
  public var yAxisTitle: String
  public var xDivider: Double?
  public var yDivider: Double?
  public var quadrantLabels: QuadrantLabels?
  public var xFormat: ValueFormat
  public var yFormat: ValueFormat
  public var noDataText: String

  public init(
    title: String, description: String = "", points: [ScatterPoint], xAxisTitle: String = "",
    yAxisTitle: String = "", xDivider: Double? = nil, yDivider: Double? = nil,
    quadrantLabels: QuadrantLabels? = nil, xFormat: ValueFormat = .twoDecimals,
    yFormat: ValueFormat = .oneDecimal, noDataText: String = ""
  ) {
    self.title = title
    self.description = description
    self.points = points
    self.xAxisTitle = xAxisTitle
    self.yAxisTitle = yAxisTitle
    self.xDivider = xDivider
    self.yDivider = yDivider
    self.quadrantLabels = quadrantLabels
    self.xFormat = xFormat
    self.yFormat = yFormat
    self.noDataText = noDataText
  }

  public func svg(width: Int = 640, height: Int = 440) -> String {
    let canvas = ChartCanvas(width: width, height: height)
    let shown = points.filter { $0.x.isFinite && $0.y.isFinite }
    guard !shown.isEmpty else {
      return SVGBuilder.emptyDocument(
        width: canvas.width, height: canvas.height, title: title, description: description,
        kind: "scatter", noDataText: noDataText)
    }
    let finiteXDivider = xDivider.flatMap { $0.isFinite ? $0 : nil }
    let finiteYDivider = yDivider.flatMap { $0.isFinite ? $0 : nil }
    let xs = shown.map(\.x) + (finiteXDivider.map { [$0] } ?? [])
    let ys = shown.map(\.y) + (finiteYDivider.map { [$0] } ?? [])
    let xScale = Self.paddedScale(xs, maxTickCount: max(2, Int(canvas.width / 90)))
    let yScale = Self.paddedScale(ys, maxTickCount: max(2, Int(canvas.height / 60)))
    let plot = PlotArea(
      left: 24 + ValueAxis.labelWidth(yScale, format: yFormat), top: 12,
      right: canvas.width - 14, bottom: canvas.height - 40)

    var svg = SVGBuilder()
    ValueAxis.drawHorizontal(into: &svg, scale: yScale, plot: plot, format: yFormat)
    ValueAxis.drawVertical(into: &svg, scale: xScale, plot: plot, format: xFormat)
    ValueAxis.drawBaseline(into: &svg, plot: plot)
    drawAxisTitles(into: &svg, plot: plot, canvas: canvas)
    drawDividers(x: finiteXDivider, y: finiteYDivider, into: &svg, xScale: xScale, yScale: yScale, plot: plot)
    let corners = quadrantLabels.map { drawQuadrantLabels($0, into: &svg, plot: plot) } ?? []
    drawPoints(shown, into: &svg, xScale: xScale, yScale: yScale, plot: plot, avoiding: corners)
    return SVGBuilder.document(
      width: canvas.width, height: canvas.height, title: title, description: description,
      kind: "scatter", body: svg.markup)
  }

  /// 5% headroom on each side so points are not drawn on the plot border.
  static func paddedScale(_ values: [Double], maxTickCount: Int) -> NiceScale {
    let low = values.min() ?? 0
    let high = values.max() ?? 1
    let pad = (high - low).isFinite ? (high - low) * 0.05 : 0
    return NiceScale(minimum: low - pad, maximum: high + pad, maxTickCount: maxTickCount)
  }

  private func drawAxisTitles(into svg: inout SVGBuilder, plot: PlotArea, canvas: ChartCanvas) {
    if !xAxisTitle.isEmpty {
      svg.fittedText(
        xAxisTitle, maxWidth: plot.width, fontSize: ChartTheme.fontSize,
        [
          ("class", "axis-title"), ("x", num(plot.left + plot.width / 2)),
          ("y", num(canvas.height - 8)), ("text-anchor", "middle"),
        ])
    }
    if !yAxisTitle.isEmpty {
      let x = 14.0
      let y = plot.top + plot.height / 2
      svg.fittedText(
        yAxisTitle, maxWidth: plot.height, fontSize: ChartTheme.fontSize,
        [
          ("class", "axis-title"), ("x", num(x)), ("y", num(y)), ("text-anchor", "middle"),
          ("transform", "rotate(-90 \(num(x)) \(num(y)))"),
        ])
    }
  }

  private func drawDividers(
    x: Double?, y: Double?, into svg: inout SVGBuilder, xScale: NiceScale, yScale: NiceScale,
    plot: PlotArea
  ) {
    let dashed: SVGBuilder.Attributes = [
      ("stroke", ChartTheme.divider), ("stroke-width", "1.5"), ("stroke-dasharray", "5 4"),
    ]
    if let x {
      let lineX = plot.x(x, on: xScale)
      svg.element(
        "line",
        [("class", "divider divider-x"), ("x1", num(lineX)), ("y1", num(plot.top)), ("x2", num(lineX)), ("y2", num(plot.bottom))]
          + dashed, tooltip: xFormat.string(x))
    }
    if let y {
      let lineY = plot.y(y, on: yScale)
      svg.element(
        "line",
        [("class", "divider divider-y"), ("x1", num(plot.left)), ("y1", num(lineY)), ("x2", num(plot.right)), ("y2", num(lineY))]
          + dashed, tooltip: yFormat.string(y))
    }
  }

  /// Draws the quadrant names and returns the boxes they cover.
  private func drawQuadrantLabels(_ labels: QuadrantLabels, into svg: inout SVGBuilder, plot: PlotArea) -> [LabelBox] {
    let room = plot.width / 2 - 12
    let corners: [(String, Double, Double, String)] = [
      (labels.topLeft, plot.left + 6, plot.top + 16, "start"),
      (labels.topRight, plot.right - 6, plot.top + 16, "end"),
      (labels.bottomLeft, plot.left + 6, plot.bottom - 8, "start"),
      (labels.bottomRight, plot.right - 6, plot.bottom - 8, "end"),
    ]
    var boxes: [LabelBox] = []
    svg.open("g", [("class", "quadrants")])
    for (text, x, y, anchor) in corners where !text.isEmpty {
      let shown = TextMetrics.truncate(text, maxWidth: room, fontSize: ChartTheme.fontSize)
      boxes.append(LabelBox(shown, x: x, baseline: y, fontSize: ChartTheme.fontSize, anchor: anchor))
      svg.fittedText(
        text, maxWidth: room, fontSize: ChartTheme.fontSize,
        [
          ("class", "quadrant"), ("x", num(x)), ("y", num(y)), ("text-anchor", anchor),
          ("fill", ChartTheme.mutedText), ("font-weight", "bold"),
        ])
    }
    svg.close("g")
    return boxes
  }

  /// Each point's name goes beside it where it covers no other label: above on its open side
  /// first, then the other side, then below. A name with no free place is left off the plot;
  /// the point's tooltip still carries it.
  private func drawPoints(
    _ shown: [ScatterPoint], into svg: inout SVGBuilder, xScale: NiceScale, yScale: NiceScale,
    plot: PlotArea, avoiding others: [LabelBox]
  ) {
    let color = ChartTheme.seriesColor(0)
    let labelCap = ChartTheme.smallFontSize * 8
    let fontSize = ChartTheme.smallFontSize
    var placed = others
    svg.open("g", [("class", "points")])
    for point in shown {
      let x = plot.x(point.x, on: xScale)
      let y = plot.y(point.y, on: yScale)
      // Points near the right edge try the left side first so their names stay inside the plot.
      let leftFirst = x > plot.left + plot.width * 0.75
      let sides = leftFirst ? [true, false] : [false, true]
      let spots = [max(y - 6, 10), min(y + 15, plot.bottom - 2)].flatMap { baseline in
        sides.map { leftward -> (text: String, x: Double, y: Double, anchor: String, box: LabelBox) in
          let room = leftward ? x - 6 - plot.left : plot.right - x - 6
          let text = TextMetrics.truncate(point.label, maxWidth: max(min(room, labelCap), 12), fontSize: fontSize)
          let labelX = leftward ? x - 6 : x + 6
          let anchor = leftward ? "end" : "start"
          return (text, labelX, baseline, anchor, LabelBox(text, x: labelX, baseline: baseline, fontSize: fontSize, anchor: anchor))
        }
      }
      let spot = spots.first { spot in !placed.contains { $0.overlaps(spot.box) } }
      let tooltip = "\(point.label): \(xFormat.string(point.x)), \(yFormat.string(point.y))"
      svg.linked(point.link) { svg in
        svg.element(
          "circle",
          [("class", "point"), ("cx", num(x)), ("cy", num(y)), ("r", "4.5"), ("fill", color), ("fill-opacity", "0.85")],
          tooltip: tooltip)
        guard let spot else { return }
        svg.text(
          spot.text,
          [
            ("class", "point-label"), ("x", num(spot.x)), ("y", num(spot.y)), ("text-anchor", spot.anchor),
            ("font-size", num(fontSize)),
          ], tooltip: spot.text == point.label ? nil : point.label)
      }
      if let spot { placed.append(spot.box) }
    }
    svg.close("g")
  }
}
