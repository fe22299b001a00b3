import Domain
import Fluent
import Foundation

// What Accountability offers other features, and all of it they may name (FeatureBoundaryTests):
// `AccountabilitySummaries` and the plain values it returns. No accountability model leaves this
// feature.

/// A person's accountability work as counts, each linking to exactly the cases it counts.
enum AccountabilitySummaries {
  struct Count: Sendable {
    let labelKey: String
    let count: Int
    let href: String
    let urgent: Bool
  }

  /// Marketing: proposed and sent-back cases to submit; the leadership group: submitted cases to
  /// approve; HR: this month's deduction rows; everyone: their own open penalties and this month's
  /// scorecard (ACC-CASE-ROLES, ACC-SCOPE, ACC-SCORE-SCOPE).
  static func openWork(for actor: Actor, on db: any Database, now: Date) async throws -> [Count] {
    var counts: [Count] = []
    func cases(_ state: CaseState) async throws -> Int {
      var filter = CaseQueries.Filter()
      filter.state = state
      return try await CaseQueries.list(filter, for: actor, on: db).count
    }
    let casesHref = Paths.accountabilityCases.link()
    if actor.has(.reviewer) || actor.isAdmin {
      counts.append(
        .init(labelKey: "home.cases_proposed", count: try await cases(.proposed), href: casesHref + "?state=proposed", urgent: false))
      let sentBack = try await cases(.sentBack)
      counts.append(.init(labelKey: "home.cases_sent_back", count: sentBack, href: casesHref + "?state=sent_back", urgent: true))
    }
    if actor.has(.leader) || actor.isAdmin {
      let submitted = try await cases(.submitted)
      counts.append(.init(labelKey: "home.cases_submitted", count: submitted, href: casesHref + "?state=submitted", urgent: submitted > 0))
    }
    let month = YearMonth(BusinessTime.civilDate(of: now))
    if actor.has(.hr) || actor.isAdmin {
      let rows = try await DeductionList.month(month, for: actor, on: db).items.count
      counts.append(
        .init(
          labelKey: "home.deductions_month", count: rows, href: Paths.accountabilityDeductions.link() + "?month=\(month)", urgent: false))
    }
    let own = try await LedgerPagesController.openCases(of: actor.userID, on: db).count
    counts.append(.init(labelKey: "home.penalties_open", count: own, href: Paths.accountabilityMine.link() + "?open=true", urgent: false))
    let period = ScorePeriod.containing(BusinessTime.civilDate(of: now), cadence: .month)
    let card = try await ScorecardService.card(personID: actor.userID, period: period, actor: actor, on: db, now: now)
    let total = Int((Double(card.scorecard.totalTenths) / 10).rounded())
    counts.append(
      .init(
        labelKey: "home.scorecard.\(card.scorecard.grade.rawValue)", count: total,
        href: ScorecardPagesController.cardHref(actor.userID, period), urgent: card.scorecard.grade == .fail))
    return counts
  }
}
