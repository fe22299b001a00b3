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
