import Charts
import Vapor

/// A choice in a select or a group of checkboxes. `label` is shown as is; `labelKey` is
/// translated in the template.
struct Choice: Encodable {
  let value: String
  let label: String
  let labelKey: String
  let selected: Bool

  init(value: String, label: String = "", labelKey: String = "", selected: Bool) {
    self.value = value
    self.label = label
    self.labelKey = labelKey
    self.selected = selected
  }
}

extension Request {
  /// Renders a page; `status` lets a form with errors answer 422 while showing the form again.
  func page<Context: Encodable>(_ template: String, _ context: Context, status: HTTPStatus = .ok) async throws -> Response {
    try await view.render(template, context).encodeResponse(status: status, for: self)
  }
}

extension Request {
  /// Runs a form submission; when the input fails validation (or names a field, such as a taken
  /// code) the form is shown again with each message beside its field and what was typed kept.
  func submitForm(
    _ action: () async throws -> Response,
    showAgain: (FieldErrors, HTTPStatus) async throws -> Response
  ) async throws -> Response {
    do {
      return try await action()
    } catch let failure as ValidationFailure {
      return try await showAgain(failure.errors, .unprocessableEntity)
    } catch let error as AppError where error.field != nil {
      return try await showAgain(error.asFieldErrors, error.status)
    }
  }
}

/// A chart on a page: the title is shown as the figure's caption (a person reads it on the page,
/// not only in the SVG's `<title>`), and the SVG is drawn at the width the page's chart grid
/// gives it, so that its 11–12 px text is not scaled down at normal screen widths.
struct ChartView: Encodable {
  let title: String
  let svg: String

  static let width = 520
  static let height = 320
  /// For pages without data, whose templates show no chart.
  static let empty = ChartView(title: "", svg: "")

  init(title: String, svg: String) {
    self.title = title
    self.svg = svg
  }

  init(_ chart: BarChart) { self.init(title: chart.title, svg: chart.svg(width: Self.width, height: Self.height)) }
  init(_ chart: LineChart) { self.init(title: chart.title, svg: chart.svg(width: Self.width, height: Self.height)) }
  init(_ chart: RadarChart) { self.init(title: chart.title, svg: chart.svg(width: Self.width, height: Self.height)) }
}
