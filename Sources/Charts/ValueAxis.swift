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
          ("class", "tick"), ("x", num(x)), ("y", num(plot.bottom + 14)),
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

  /// Dashed horizontal target line with its value, e.g. the satisfaction target 77.
  static func drawTarget(
    _ value: Double, label: String?, format: ValueFormat, into svg: inout SVGBuilder,
    scale: NiceScale, plot: PlotArea
  ) {
    let y = plot.y(value, on: scale)
    let text = [label, format.string(value)].compactMap { $0 }.joined(separator: " ")
    svg.open("g", [("class", "target")])
    svg.empty(
      "line",
      [
        ("x1", num(plot.left)), ("y1", num(y)), ("x2", num(plot.right)), ("y2", num(y)),
        ("stroke", ChartTheme.target), ("stroke-width", "1.5"), ("stroke-dasharray", "6 4"),
      ])
    svg.fittedText(
      text, maxWidth: plot.width / 2, fontSize: ChartTheme.smallFontSize,
      [
        ("x", num(plot.right - 2)), ("y", num(max(y - 4, 10))), ("text-anchor", "end"),
        ("font-size", num(ChartTheme.smallFontSize)), ("fill", ChartTheme.target),
      ])
    svg.close("g")
  }
}
