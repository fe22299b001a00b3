import Foundation

/// A radar (spider) chart: one spoke per axis, e.g. the eight service modules scored 0–100.
public struct RadarChart: Sendable, Equatable {
  public var title: String
  public var description: String
  /// Spoke names, clockwise from the top; 3 to 12 read well, fewer than 3 renders "no data".
  public var axes: [String]
  /// One value per axis; missing values are drawn at the centre without a marker.
  public var series: [ChartSeries]
  public var minimum: Double
  public var maximum: Double
  public var gridLevels: Int
  public var valueFormat: ValueFormat
  public var noDataText: String

  public init(
    title: String, description: String = "", axes: [String], series: [ChartSeries],
    minimum: Double = 0, maximum: Double = 100, gridLevels: Int = 4,
    valueFormat: ValueFormat = .oneDecimal, noDataText: String = ""
  ) {
    self.title = title
    self.description = description
    self.axes = axes
    self.series = series
    self.minimum = minimum
    self.maximum = maximum
    self.gridLevels = gridLevels
    self.valueFormat = valueFormat
    self.noDataText = noDataText
  }

  public func svg(width: Int = 480, height: Int = 400) -> String {
    let canvas = ChartCanvas(width: width, height: height)
    let values = series.flatMap { item in axes.indices.compactMap { item.value(at: $0) } }
    guard axes.count >= 3, !values.isEmpty else {
      return SVGBuilder.emptyDocument(
        width: canvas.width, height: canvas.height, title: title, description: description,
        kind: "radar", noDataText: noDataText)
    }
    let levels = min(max(gridLevels, 1), 10)
    let scale = valueRange(values, levels: levels)
    let legend = Legend(names: series.count > 1 ? series.map(\.name) : [], availableWidth: canvas.width - 16, maxHeight: canvas.height / 4)
    let widestLabel = axes.map { TextMetrics.width($0, fontSize: ChartTheme.fontSize) }.max() ?? 0
    let labelRoom = min(widestLabel, canvas.width * 0.2) + 12
    let centerX = canvas.width / 2
    let centerY = legend.height + (canvas.height - legend.height) / 2
    let radius = max(min(centerX - labelRoom, (canvas.height - legend.height) / 2 - 22), 10)
    let spokes = Spokes(count: axes.count, centerX: centerX, centerY: centerY, radius: radius)

    var svg = SVGBuilder()
    legend.draw(into: &svg, left: 8, top: 4)
    drawGrid(into: &svg, spokes: spokes, levels: levels, scale: scale)
    drawAxisLabels(into: &svg, spokes: spokes, canvas: canvas)
    for (index, item) in series.enumerated() {
      drawSeries(item, color: ChartTheme.seriesColor(index), into: &svg, spokes: spokes, scale: scale)
    }
    return SVGBuilder.document(
      width: canvas.width, height: canvas.height, title: title, description: description,
      kind: "radar", body: svg.markup)
  }

  /// The caller's range when valid, otherwise a nice range around the data.
  private func valueRange(_ values: [Double], levels: Int) -> (lower: Double, upper: Double) {
    if minimum.isFinite, maximum.isFinite, maximum > minimum, (maximum - minimum).isFinite {
      return (minimum, maximum)
    }
    let nice = NiceScale(minimum: min(values.min() ?? 0, 0), maximum: values.max() ?? 1, maxTickCount: levels)
    return (nice.lower, nice.upper)
  }

  private func fraction(_ value: Double, _ scale: (lower: Double, upper: Double)) -> Double {
    min(max((value - scale.lower) / (scale.upper - scale.lower), 0), 1)
  }

  private func drawGrid(
    into svg: inout SVGBuilder, spokes: Spokes, levels: Int, scale: (lower: Double, upper: Double)
  ) {
    svg.open("g", [("class", "grid")])
    for level in 1...levels {
      let share = Double(level) / Double(levels)
      svg.empty(
        "polygon",
        [
          ("class", "grid-ring"), ("points", spokes.polygon(Array(repeating: share, count: spokes.count))),
          ("fill", "none"), ("stroke", ChartTheme.grid),
        ])
    }
    for index in 0..<spokes.count {
      let end = spokes.point(index, fraction: 1)
      svg.empty(
        "line",
        [
          ("class", "spoke"), ("x1", num(spokes.centerX)), ("y1", num(spokes.centerY)),
          ("x2", num(end.x)), ("y2", num(end.y)), ("stroke", ChartTheme.grid),
        ])
    }
    let tickFormat = valueFormat.withDecimals(min(valueFormat.decimals, 1))
    for level in 0...levels {
      let share = Double(level) / Double(levels)
      let value = scale.lower + (scale.upper - scale.lower) * share
      svg.text(
        tickFormat.string(value),
        [
          // Just inside each ring, so that the outermost value never meets the first axis's name.
          ("class", "tick"), ("x", num(spokes.centerX + 3)), ("y", num(spokes.centerY - spokes.radius * share + 11)),
          ("font-size", num(ChartTheme.smallFontSize)), ("fill", ChartTheme.mutedText),
        ])
    }
    svg.close("g")
  }

  /// Labels sit just beyond each spoke, anchored away from the centre so they do not cover the grid.
  private func drawAxisLabels(into svg: inout SVGBuilder, spokes: Spokes, canvas: ChartCanvas) {
    svg.open("g", [("class", "axis-labels")])
    for (index, name) in axes.enumerated() {
      let angle = spokes.angle(index)
      let spot = spokes.point(index, fraction: 1, extra: 8)
      let anchor = cos(angle) > 0.3 ? "start" : cos(angle) < -0.3 ? "end" : "middle"
      let room: Double =
        switch anchor {
        case "start": canvas.width - spot.x - 4
        case "end": spot.x - 4
        default: 2 * min(spot.x, canvas.width - spot.x) - 8
        }
      let dy = sin(angle) > 0.3 ? 11.0 : sin(angle) < -0.3 ? -3.0 : 4.0
      svg.fittedText(
        name, maxWidth: max(min(room, canvas.width * 0.4), 12), fontSize: ChartTheme.fontSize,
        [
          ("class", "axis-label"), ("x", num(spot.x)), ("y", num(min(max(spot.y + dy, 12), canvas.height - 3))),
          ("text-anchor", anchor),
        ])
    }
    svg.close("g")
  }

  private func drawSeries(
    _ item: ChartSeries, color: String, into svg: inout SVGBuilder, spokes: Spokes,
    scale: (lower: Double, upper: Double)
  ) {
    let shares = axes.indices.map { item.value(at: $0).map { fraction($0, scale) } ?? 0 }
    svg.open("g", [("class", "series")])
    svg.element(
      "polygon",
      [
        ("class", "area"), ("points", spokes.polygon(shares)), ("fill", color), ("fill-opacity", "0.15"),
        ("stroke", color), ("stroke-width", "2"),
      ], tooltip: item.name)
    for (index, axis) in axes.enumerated() {
      guard let value = item.value(at: index) else { continue }
      let spot = spokes.point(index, fraction: shares[index])
      svg.linked(item.link(at: index)) { svg in
        svg.element(
          "circle",
          [("class", "point"), ("cx", num(spot.x)), ("cy", num(spot.y)), ("r", "3.5"), ("fill", color)],
          tooltip: "\(item.name) · \(axis): \(valueFormat.string(value))")
      }
    }
    svg.close("g")
  }

  /// Geometry of the spokes: the first points straight up, the rest follow clockwise.
  struct Spokes {
    let count: Int
    let centerX: Double
    let centerY: Double
    let radius: Double

    func angle(_ index: Int) -> Double {
      -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(count)
    }

    func point(_ index: Int, fraction: Double, extra: Double = 0) -> (x: Double, y: Double) {
      let distance = radius * fraction + extra
      return (centerX + distance * cos(angle(index)), centerY + distance * sin(angle(index)))
    }

    func polygon(_ fractions: [Double]) -> String {
      fractions.enumerated().map { index, share in
        let spot = point(index, fraction: share)
        return "\(num(spot.x)),\(num(spot.y))"
      }.joined(separator: " ")
    }
  }
}
