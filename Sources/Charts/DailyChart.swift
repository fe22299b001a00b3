/// One thin bar per day with the days of one kind (Major Event Days) in another colour and a
/// dashed threshold line; labels only at the first day of each month (a year has 365 bars).
public struct DailyChart: Sendable, Equatable {
  public struct Day: Sendable, Equatable {
    public var label: String
    public var value: Double
    public var flagged: Bool
    public var monthLabel: String?
    /// Where the bar links (the day's records), if anywhere.
    public var link: String?

    public init(label: String, value: Double, flagged: Bool, monthLabel: String? = nil, link: String? = nil) {
      self.label = label
      self.value = value
      self.flagged = flagged
      self.monthLabel = monthLabel
      self.link = link
    }
  }

  public var title: String
  public var description: String
  public var days: [Day]
  public var valueFormat: ValueFormat
  public var threshold: Double?
  public var thresholdLabel: String?
  public var seriesName: String
  public var flaggedName: String
  public var noDataText: String

  public init(
    title: String, description: String = "", days: [Day], valueFormat: ValueFormat = .oneDecimal, threshold: Double? = nil,
    thresholdLabel: String? = nil, seriesName: String, flaggedName: String, noDataText: String = ""
  ) {
    self.title = title
    self.description = description
    self.days = days
    self.valueFormat = valueFormat
    self.threshold = threshold
    self.thresholdLabel = thresholdLabel
    self.seriesName = seriesName
    self.flaggedName = flaggedName
    self.noDataText = noDataText
  }

  public func svg(width: Int = 640, height: Int = 360) -> String {
    let canvas = ChartCanvas(width: width, height: height)
    let values = days.map(\.value).filter(\.isFinite)
    guard !days.isEmpty, values.contains(where: { $0 > 0 }) else {
      return SVGBuilder.emptyDocument(
        width: canvas.width, height: canvas.height, title: title, description: description, kind: "daily", noDataText: noDataText)
    }
    let finiteThreshold = threshold.flatMap { $0.isFinite ? $0 : nil }
    let legend = Legend(names: [seriesName, flaggedName], availableWidth: canvas.width - 16, maxHeight: canvas.height / 4)
    let domain = values + [0] + (finiteThreshold.map { [$0] } ?? [])
    let scale = NiceScale(
      minimum: 0, maximum: domain.max() ?? 1, maxTickCount: max(2, Int((canvas.height - legend.height - 60) / 45)))
    let plot = PlotArea(
      left: 8 + ValueAxis.labelWidth(scale, format: valueFormat), top: legend.height + 18, right: canvas.width - 12,
      bottom: canvas.height - 26)
    var svg = SVGBuilder()
    legend.draw(into: &svg, left: 8, top: 4)
    ValueAxis.drawHorizontal(into: &svg, scale: scale, plot: plot, format: valueFormat)
    let band = plot.width / Double(days.count)
    let zeroY = plot.y(0, on: scale)
    for (index, day) in days.enumerated() where day.value.isFinite && day.value > 0 {
      let x = plot.left + Double(index) * band
      let y = plot.y(day.value, on: scale)
      let color = day.flagged ? ChartTheme.seriesColor(1) : ChartTheme.seriesColor(0)
      svg.linked(day.link) { svg in
        svg.element(
          "rect",
          [
            ("class", day.flagged ? "bar flagged" : "bar"), ("x", num(x)), ("y", num(y)), ("width", num(max(band * 0.9, 0.8))),
            ("height", num(max(zeroY - y, 0.5))), ("fill", color),
          ],
          tooltip: "\(day.label): \(valueFormat.string(day.value))" + (day.flagged ? " (\(flaggedName))" : ""))
      }
    }
    ValueAxis.drawBaseline(into: &svg, plot: plot)
    for (index, day) in days.enumerated() {
      guard let label = day.monthLabel else { continue }
      let x = plot.left + Double(index) * band
      svg.empty(
        "line", [("x1", num(x)), ("y1", num(plot.bottom)), ("x2", num(x)), ("y2", num(plot.bottom + 4)), ("stroke", ChartTheme.axis)])
      svg.text(
        label,
        [
          ("x", num(x + 2)), ("y", num(plot.bottom + 16)), ("font-size", num(ChartTheme.smallFontSize)), ("fill", ChartTheme.mutedText),
        ])
    }
    if let finiteThreshold {
      ValueAxis.drawTarget(finiteThreshold, label: thresholdLabel, format: valueFormat, into: &svg, scale: scale, plot: plot)
    }
    return SVGBuilder.document(
      width: canvas.width, height: canvas.height, title: title, description: description, kind: "daily", body: svg.markup)
  }
}
