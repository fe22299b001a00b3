import Domain
import Fluent
import Vapor

/// While the agent types the account or phone on the intake form, the customer's open orders
/// and repeat contacts within 30 days (WO-REPEAT-CONTACT), for the form's small script.
enum ContactLookupController {
  struct Contact: Content {
    let href: String
    let number: String
    let type: String
    let state: String
    let acceptedAt: String
    let open: Bool
    /// The customer is under a known outage (OUT-GROUPED-CALLS): `number` says so with its restoration.
    var outage: Bool = false
  }

  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.workOrderContacts.components, use: lookup).query(accountParameter, phoneParameter)
  }

  static let accountParameter = QueryParameter<String>.text("account", maxLength: Limits.name)
  static let phoneParameter = QueryParameter<String>.text("phone", maxLength: Limits.name)

  @Sendable static func lookup(req: Request) async throws -> [Contact] {
    let actor = try req.actor
    let account = try req.query(accountParameter) ?? ""
    let phone = try req.query(phoneParameter) ?? ""
    // Short fragments match too much to be useful and would list other customers' orders.
    guard account.count >= 4 || phone.count >= 7 else { return [] }
    let l = req.application.localizer
    var known: [Contact] = []
    if account.count >= 4, let outage = try await req.application.repairObservers.knownOutage(account: account, on: req.db) {
      let time = String(DisplayFormat.dateTime(outage.announcedRestoration).suffix(5))
      known.append(
        Contact(
          href: outage.link, number: l.text("workorders.known_outage", locale: req.locale, args: [time]), type: "", state: "",
          acceptedAt: "", open: true, outage: true))
    }
    return known
      + (try await WorkOrderQueries.contacts(
        account: account.count >= 4 ? account : "", phone: phone.count >= 7 ? phone : "", asOf: req.now, for: actor, on: req.db
      ).map {
        Contact(
          href: Paths.workOrder.link(try $0.requireID()), number: $0.number,
          type: l.text("workorder.type.\($0.type.rawValue)", locale: req.locale),
          state: l.text("workorder.state.\($0.state.rawValue)", locale: req.locale), acceptedAt: DisplayFormat.dateTime($0.acceptedAt),
          open: $0.closedAt == nil)
      })
  }
}
