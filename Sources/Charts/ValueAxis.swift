/// Horizontal grid lines and tick labels for a vertical value scale.
enum ValueAxis {
  /// Left margin wide enough for the longest tick label.
  static func labelWidth(_ scale: NiceScale, format: ValueFormat) -> Double {
    let tickFormat = format.withDecimals(scale.tickDecimals)
    let widest =
      scale.ticks.map {
        TextMetrics.width(tickFormat.string($0), fontSize: ChartTheme.smallFontSize)
      }.max() ?? 0
    return min(widest, 120) + 8
  }

  static func drawHorizontal(
    into svg: inout SVGBuilder, scale: NiceScale, plot: PlotArea, format: ValueFormat
  ) {
    let tickFormat = format.withDecimals(scale.tickDecimals)
    svg.open("g", [("class", "axis axis-y")])
    for tick in scale.ticks {
      let y = plot.y(tick, on: scale)
      let isZero = tick == 0 && scale.lower < 0
      svg.empty(
        "line",
        [
          ("class", "grid"), ("x1", num(plot.left)), ("y1", num(y)), ("x2", num(plot.right)),
          ("y2", num(y)), ("stroke", isZero ? ChartTheme.axis : ChartTheme.grid),
        ])
      svg.fittedText(
        tickFormat.string(tick), maxWidth: 120, fontSize: ChartTheme.smallFontSize,
        [
          ("class", "tick"), ("x", num(plot.left - 6)), ("y", num(y + 4)),
          ("text-anchor", "end"), ("font-size", num(ChartTheme.smallFontSize)),
          ("fill", ChartTheme.mutedText),
        ])
    }
    svg.close("g")
  }

  /// Tick labels along the bottom of a horizontal value scale (scatter x axis).
  static func drawVertical(
    into svg: inout SVGBuilder, scale: NiceScale, plot: PlotArea, format: ValueFormat
  ) {
    let tickFormat = format.withDecimals(scale.tickDecimals)
    svg.open("g", [("class", "axis axis-x")])
    for tick in scale.ticks {
      let x = plot.x(tick, on: scale)
      svg.empty(
        "line",
        [
          ("class", "grid"), ("x1", num(x)), ("y1", num(plot.top)), ("x2", num(x)),
          ("y2", num(plot.bottom)), ("stroke", ChartTheme.grid),
        ])
      svg.text(
        tickFormat.string(tick),
        [
          // Low enough that the first label clears the value axis's lowest one at the corner.
          ("class", "tick"), ("x", num(x)), ("y", num(plot.bottom + 17)),
          ("text-anchor", "middle"), ("font-size", num(ChartTheme.smallFontSize)),
          ("fill", ChartTheme.mutedText),
        ])
    }
    svg.close("g")
  }

  /// The baseline under the plot.
  static func drawBaseline(into svg: inout SVGBuilder, plot: PlotArea) {
    svg.empty(
      "line",
      [
        ("class", "axis-line"), ("x1", num(plot.left)), ("y1", num(plot.bottom)),
        ("x2", num(plot.right)), ("y2", num(plot.bottom)), ("stroke", ChartTheme.axis),
      ])
  }

  /// Dashed horizontal target line with its value, e.g. the satisfaction target 77. The label
  /// goes above the line at the right end unless another label is there; then below it, then
  /// at the left end.
  static func drawTarget(
    _ value: Double, label: String?, format: ValueFormat, into svg: inout SVGBuilder,
    scale: NiceScale, plot: PlotArea, avoiding others: [LabelBox] = []
  ) {
    let y = plot.y(value, on: scale)
    let full = [label, format.string(value)].compactMap { $0 }.joined(separator: " ")
    let fontSize = ChartTheme.smallFontSize
    let text = TextMetrics.truncate(full, maxWidth: plot.width / 2, fontSize: fontSize)
    let above = max(y - 4, 10)
    let below = min(y + fontSize + 2, plot.bottom - 2)
    let candidates: [(x: Double, y: Double, anchor: String)] = [
      (plot.right - 2, above, "end"), (plot.right - 2, below, "end"),
      (plot.left + 2, above, "start"), (plot.left + 2, below, "start"),
    ]
    let place =
      candidates.first { c in
        let box = LabelBox(text, x: c.x, baseline: c.y, fontSize: fontSize, anchor: c.anchor)
        return !others.contains { $0.overlaps(box) }
      } ?? candidates[0]
    svg.open("g", [("class", "target")])
    svg.empty(
      "line",
      [
        ("x1", num(plot.left)), ("y1", num(y)), ("x2", num(plot.right)), ("y2", num(y)),
        ("stroke", ChartTheme.target), ("stroke-width", "1.5"), ("stroke-dasharray", "6 4"),
      ])
    // A white halo keeps the label readable where it crosses a bar or grid line.
    svg.text(
      text,
      [
        ("class", "target-label"), ("x", num(place.x)), ("y", num(place.y)), ("text-anchor", place.anchor),
        ("font-size", num(fontSize)), ("fill", ChartTheme.target), ("stroke", "#ffffff"), ("stroke-width", "3"),
        ("paint-order", "stroke"),
      ], tooltip: text == full ? nil : full)
    svg.close("g")
  }
}
