/// A row-wrapping legend of colour swatches and series names, laid out before the plot.
struct Legend {
  struct Item {
    let name: String
    let color: String
    let x: Double
    let row: Int
  }

  static let rowHeight = 18.0
  static let swatch = 10.0
  let items: [Item]
  let rowCount: Int
  let maxNameWidth: Double

  var height: Double { rowCount == 0 ? 0 : Double(rowCount) * Self.rowHeight + 4 }

  /// At most `maxHeight` of rows; names that do not fit are left out (their tooltips still name them).
  init(names: [String], availableWidth: Double, maxHeight: Double) {
    let maxRows = max(Int((maxHeight - 4) / Self.rowHeight), 1)
    let fontSize = ChartTheme.smallFontSize
    maxNameWidth = max(availableWidth - Self.swatch - 12, 20)
    var items: [Item] = []
    var x = 0.0
    var row = 0
    for (index, name) in names.enumerated() {
      let nameWidth = min(TextMetrics.width(name, fontSize: fontSize), maxNameWidth)
      let itemWidth = Self.swatch + 4 + nameWidth + 14
      if x > 0 && x + itemWidth > availableWidth {
        row += 1
        x = 0
      }
      if row >= maxRows {
        row = maxRows - 1
        break
      }
      items.append(Item(name: name, color: ChartTheme.seriesColor(index), x: x, row: row))
      x += itemWidth
    }
    self.items = items
    rowCount = items.isEmpty ? 0 : row + 1
  }

  func draw(into svg: inout SVGBuilder, left: Double, top: Double) {
    svg.open("g", [("class", "legend")])
    for item in items {
      let y = top + Double(item.row) * Self.rowHeight
      svg.empty(
        "rect",
        [
          ("x", num(left + item.x)), ("y", num(y + 3)), ("width", num(Self.swatch)),
          ("height", num(Self.swatch)), ("fill", item.color),
        ])
      svg.fittedText(
        item.name, maxWidth: maxNameWidth, fontSize: ChartTheme.smallFontSize,
        [
          ("x", num(left + item.x + Self.swatch + 4)), ("y", num(y + 12)),
          ("font-size", num(ChartTheme.smallFontSize)),
        ])
    }
    svg.close("g")
  }
}
