import Domain
import Fluent
import Vapor

/// A rule document shown on a page of its own: each setting as a labelled value (rule
/// ORG-RULE-VERSIONS).
protocol PresentedRuleDocument: StoredRuleDocument {
  /// The settings in the order the page lists them; `text` translates a locale key with its
  /// arguments.
  func rows(_ text: (String, [String]) -> String) -> [RuleVersionsPage.Row]
}

/// The page of a rule document's versions: every signed-in person reads them; administrators
/// save a new version as JSON, shown filled with the version on screen (ORG-RULE-VERSIONS).
struct RuleVersionsPage: Encodable {
  struct Version: Encodable {
    let number: Int
    let effectiveFrom: String
    let href: String
    let selected: Bool
    let inForce: Bool
  }
  struct Row: Encodable {
    /// The setting's name, translated (or a name the document itself holds).
    let label: String
    let value: String
  }
  let chrome: Chrome
  let titleKey: String
  let introKey: String
  let versions: [Version]
  let number: Int
  let effectiveFrom: String
  let rows: [Row]
  let canEdit: Bool
  let createAction: String
  let values: [String: String]
  let errors: [String: String]
}

/// Showing and saving the versions of one document; a feature registers its two routes.
enum RuleVersionsPages<Rules: PresentedRuleDocument> {
  static var versionParameter: QueryParameter<Int> { .integer("version", 1...1_000_000) }

  struct Place {
    let show: RoutePath
    let create: RoutePath
    let titleKey: String
    let introKey: String
  }

  static func register(_ pages: any RoutesBuilder, _ place: Place) {
    pages.get(place.show.components) { req in try await render(req, place, number: try req.query(versionParameter)) }
      .query(versionParameter)
    pages.post(place.create.components) { req in try await create(req, place) }
  }

  static func render(
    _ req: Request, _ place: Place, number requested: Int?, values: [String: String] = [:], errors: FieldErrors = .init(),
    status: HTTPStatus = .ok
  ) async throws -> Response {
    let actor = try req.actor
    let versions = try await RuleVersions<Rules>.versions(on: req.db)
    let inForce = RuleVersion.inForce(on: BusinessTime.civilDate(of: req.now), among: versions)
    guard let shown = requested.map({ n in versions.first { $0.number == n } }) ?? inForce ?? versions.last else {
      throw AppError.notFound("entity.rule_version")
    }
    let localizer = req.application.localizer
    var shownValues = values
    if shownValues["rules"] == nil, actor.isAdmin {
      shownValues["rules"] = String(decoding: try JSONCoding.encoder(pretty: true).encode(shown.rules), as: UTF8.self)
    }
    let page = RuleVersionsPage(
      chrome: try await .make(for: req, titleKey: place.titleKey), titleKey: place.titleKey, introKey: place.introKey,
      versions: versions.reversed().map {
        .init(
          number: $0.number, effectiveFrom: $0.effectiveFrom.description, href: place.show.link() + "?version=\($0.number)",
          selected: $0.number == shown.number, inForce: $0.number == inForce?.number)
      },
      number: shown.number, effectiveFrom: shown.effectiveFrom.description,
      rows: shown.rules.rows { localizer.text($0, locale: req.locale, args: $1) }, canEdit: actor.isAdmin,
      createAction: place.create.link(),
      values: shownValues, errors: errors.localized(localizer, req.locale))
    return try await req.page("rules/versions", page, status: status)
  }

  /// A new version from the form (RuleVersionForm), shown again on this page when refused.
  static func create(_ req: Request, _ place: Place) async throws -> Response {
    try await RuleVersionForm<Rules>.save(req, shownAt: place.show) { values, errors, status in
      try await render(req, place, number: nil, values: values, errors: errors, status: status)
    }
  }
}

/// The administrator's form for a new version of any rule document: the effective day and the
/// document as JSON (ORG-RULE-VERSIONS). Saved, the page of the new version; refused, the page
/// again with what was typed, a field inside the document shown beside the document.
enum RuleVersionForm<Rules: StoredRuleDocument> {
  struct Fields: Content {
    var effectiveFrom: String?
    var rules: String?
  }

  static func save(
    _ req: Request, shownAt show: RoutePath,
    showAgain: @escaping ([String: String], FieldErrors, HTTPStatus) async throws -> Response
  ) async throws -> Response {
    try req.actor.require(.admin)
    let form = try req.content.decode(Fields.self)
    let values = ["effectiveFrom": form.effectiveFrom ?? "", "rules": form.rules ?? ""]
    return try await req.submitForm {
      let rules: Rules
      do {
        rules = try JSONCoding.decode(Rules.self, form.rules ?? "")
      } catch {
        throw AppError.invalid("rules", "rules.error.json")
      }
      let version = try await RuleVersions<Rules>.create(
        effectiveFrom: form.effectiveFrom ?? "", rules: rules, actor: try req.actor, on: req.db, now: req.now)
      return req.redirect(to: show.link() + "?version=\(version.number)")
    } showAgain: { errors, status in
      var shown = FieldErrors()
      for message in errors.messages {
        shown.add(message.field.hasPrefix("rules") ? "rules" : message.field, message.key, args: message.args)
      }
      return try await showAgain(values, shown, status)
    }
  }
}
