import Foundation
import Testing

@testable import Domain

@Suite("Accountability penalty rules")
struct PenaltyRulesTests {
  let rules = PenaltyRuleSet.default

  struct Bounds: Sendable, CustomTestStringConvertible {
    let cause: GeneralCause
    let minFen: Int
    let maxFen: Int
    var testDescription: String { cause.rawValue }
  }

  @Test(
    "Rule ACC-GENERAL-CAUSES: each cause's range, its boundaries inside, one fen beyond outside",
    arguments: [
      Bounds(cause: .qualityError, minFen: 10_000, maxFen: 20_000),
      Bounds(cause: .qualityErrorWithLoss, minFen: 20_000, maxFen: 30_000),
      Bounds(cause: .poorAttitude, minFen: 20_000, maxFen: 50_000),
      Bounds(cause: .abusiveConduct, minFen: 30_000, maxFen: 60_000),
    ])
  func generalBoundaries(_ row: Bounds) throws {
    let question = LineQuestion(cause: .general(row.cause), severity: .general, role: .main)
    let range = try rules.range(for: question).get()
    #expect(range.minFen == row.minFen && range.maxFen == row.maxFen && range.defaultFen == row.minFen && !range.doubled)
    for ok in [row.minFen, row.maxFen] { #expect(rules.check(question, amountFen: ok, sanction: nil) == .success(range)) }
    for bad in [row.minFen - 1, row.maxFen + 1] {
      #expect(
        rules.check(question, amountFen: bad, sanction: nil) == .failure(PenaltyRuleError(reason: .amountOutOfRange, field: "amountFen")))
    }
    // General causes carry no administrative sanction.
    #expect(
      rules.check(question, amountFen: row.minFen, sanction: .warning)
        == .failure(PenaltyRuleError(reason: .sanctionNotAllowed, field: "sanction")))
  }

  @Test("Rule ACC-GENERAL-CAUSES: abusive conduct adds one month off duty and a required exam; the others none")
  func abusiveOffDuty() throws {
    for cause in GeneralCause.allCases {
      let range = try rules.range(for: LineQuestion(cause: .general(cause), severity: .general, role: .main)).get()
      #expect(range.offDutyMonths == (cause == .abusiveConduct ? 1 : 0))
      #expect(range.examRequired == (cause == .abusiveConduct))
    }
  }

  struct EventRow: Sendable, CustomTestStringConvertible {
    let severity: Severity
    let role: ResponsibilityRole
    let minFen: Int
    let allowed: [Sanction?]
    let refused: [Sanction?]
    var testDescription: String { "\(severity.rawValue) \(role.rawValue)" }
  }

  @Test(
    "Rule ACC-EVENT-SEVERITY and ACC-SANCTIONS: serious and major events, minimum per role and the sanctions each allows",
    arguments: [
      EventRow(severity: .serious, role: .main, minFen: 100_000, allowed: [nil, .warning, .probation], refused: [.dismissal]),
      EventRow(severity: .serious, role: .secondary, minFen: 80_000, allowed: [nil, .majorDemerit], refused: [.demotion]),
      EventRow(severity: .serious, role: .supervisor, minFen: 60_000, allowed: [nil], refused: [.warning]),
      EventRow(severity: .serious, role: .department, minFen: 40_000, allowed: [nil], refused: [.warning]),
      EventRow(severity: .serious, role: .leader, minFen: 40_000, allowed: [nil], refused: [.warning]),
      EventRow(severity: .major, role: .main, minFen: 80_000, allowed: [.majorDemerit, .dismissal], refused: [nil, .demerit]),
      EventRow(severity: .major, role: .secondary, minFen: 60_000, allowed: [.demerit, .dismissal], refused: [nil, .warning]),
      EventRow(severity: .major, role: .supervisor, minFen: 50_000, allowed: [.warning, .removal], refused: [nil, .probation]),
      EventRow(severity: .major, role: .department, minFen: 30_000, allowed: [.demerit, .demotion], refused: [.warning, .removal]),
      EventRow(severity: .major, role: .leader, minFen: 30_000, allowed: [.warning, .demotion], refused: [nil, .removal]),
    ])
  func events(_ row: EventRow) throws {
    let question = LineQuestion(cause: .general(.poorAttitude), severity: row.severity, role: row.role)
    let range = try rules.range(for: question).get()
    #expect(range.minFen == row.minFen && range.maxFen == nil && range.defaultFen == row.minFen)
    let sanction = row.allowed[0]
    #expect((try? rules.check(question, amountFen: row.minFen, sanction: sanction).get()) != nil)
    #expect((try? rules.check(question, amountFen: rules.ceilingFen, sanction: sanction).get()) != nil)
    #expect(
      rules.check(question, amountFen: row.minFen - 1, sanction: sanction)
        == .failure(PenaltyRuleError(reason: .amountOutOfRange, field: "amountFen")))
    #expect(
      rules.check(question, amountFen: rules.ceilingFen + 1, sanction: sanction)
        == .failure(PenaltyRuleError(reason: .amountOutOfRange, field: "amountFen")))
    for allowed in row.allowed { #expect(range.sanctions.allows(allowed), "\(String(describing: allowed))") }
    for refused in row.refused {
      #expect(!range.sanctions.allows(refused), "\(String(describing: refused))")
      let failure = try #require(rules.check(question, amountFen: row.minFen, sanction: refused).failureValue)
      #expect(failure.field == "sanction")
      #expect(failure.reason == (refused == nil ? .sanctionRequired : .sanctionNotAllowed))
    }
  }

  @Test("Rule ACC-EVENT-SEVERITY: serious costs more than major for every role the two share")
  func seriousVersusMajor() throws {
    for role in [ResponsibilityRole.main, .secondary, .supervisor, .department, .leader] {
      let serious = try rules.range(for: LineQuestion(cause: .general(.qualityError), severity: .serious, role: role)).get()
      let major = try rules.range(for: LineQuestion(cause: .general(.qualityError), severity: .major, role: role)).get()
      #expect(serious.minFen > major.minFen, "\(role)")
    }
    // An event rule exists only for the five roles; the cause does not change an event's range.
    let a = try rules.range(for: LineQuestion(cause: .general(.qualityError), severity: .major, role: .main)).get()
    let b = try rules.range(for: LineQuestion(cause: .general(.abusiveConduct), severity: .major, role: .main)).get()
    #expect(a == b)
  }

  @Test(
    "Rule ACC-OUTSIDE-CHANNEL: every amount doubled for each configured outside channel",
    arguments: ["12398", "12345", "sgcc_hq", "regulator"])
  func doubling(channel: String) throws {
    let plain = LineQuestion(cause: .general(.poorAttitude), severity: .general, role: .main)
    var outside = plain
    outside.outsideChannel = channel
    let range = try rules.range(for: outside).get()
    #expect(range.doubled && range.minFen == 40_000 && range.maxFen == 100_000 && range.defaultFen == 40_000)
    #expect((try? rules.check(outside, amountFen: 100_000, sanction: nil).get()) != nil)
    #expect(rules.check(outside, amountFen: 39_999, sanction: nil).failureValue?.field == "amountFen")
    #expect(rules.check(plain, amountFen: 100_000, sanction: nil).failureValue?.field == "amountFen")
    // Events double too, the open ceiling with them.
    let event = try rules.range(for: LineQuestion(cause: .general(.qualityError), severity: .serious, role: .main, outsideChannel: channel))
      .get()
    #expect(event.minFen == 200_000 && event.ceilingFen == 2 * rules.ceilingFen)
    let unit = try rules.range(for: LineQuestion(cause: .general(.qualityError), severity: .general, role: .unit, outsideChannel: channel))
      .get()
    #expect(unit.minFen == 100_000 && unit.maxFen == 100_000)
  }

  @Test("Rule ACC-OUTSIDE-CHANNEL: a channel not on the configured list is refused by field; the list is data")
  func channelList() throws {
    let question = LineQuestion(cause: .general(.qualityError), severity: .general, role: .main, outsideChannel: "weibo")
    #expect(rules.range(for: question).failureValue == PenaltyRuleError(reason: .unknownChannel, field: "outsideChannel"))
    var custom = rules
    custom.outsideChannels.append(OutsideChannel(code: "weibo", name: "官方微博"))
    custom.outsideChannelFactor = 3
    #expect(try custom.range(for: question).get().maxFen == 60_000)
  }

  @Test("Rule ACC-UNIT-FALSE-REPLY: a unit's false reply costs the unit ¥500 per case with a circulated criticism")
  func unitPenalty() throws {
    for severity in Severity.allCases {
      let question = LineQuestion(cause: .general(.qualityError), severity: severity, role: .unit)
      let range = try rules.range(for: question).get()
      #expect(range.minFen == 50_000 && range.maxFen == 50_000 && range.circulatedCriticism && range.sanctions == .none)
      #expect(rules.check(question, amountFen: 49_900, sanction: nil).failureValue?.field == "amountFen")
    }
    let person = try rules.range(for: LineQuestion(cause: .general(.qualityError), severity: .general, role: .main)).get()
    #expect(!person.circulatedCriticism)
  }

  @Test("Rule ACC-COMPANY-RULES: the ten prohibitions and commitments ship empty and fall back to the general ranges")
  func companyRuleSets() throws {
    #expect(rules.tenProhibitions.isEmpty && rules.tenCommitments.isEmpty)
    let fallback = LineQuestion(cause: CaseCause(framework: .tenProhibitions, code: "poor_attitude"), severity: .general, role: .main)
    #expect(try rules.range(for: fallback).get().maxFen == 50_000)
    #expect(rules.causeChoices(.tenCommitments).map(\.code) == GeneralCause.allCases.map(\.rawValue))
    var filled = rules
    filled.tenProhibitions = [CompanyRuleItem(code: "P03", title: "不准对客户工程指定设计、施工、供货单位", amount: .yuan(500, 1000))]
    let item = LineQuestion(cause: CaseCause(framework: .tenProhibitions, code: "P03"), severity: .general, role: .main)
    let range = try filled.range(for: item).get()
    #expect(range.minFen == 50_000 && range.maxFen == 100_000)
    #expect(filled.causeChoices(.tenProhibitions).map(\.code) == ["P03"])
    let unknown = LineQuestion(cause: CaseCause(framework: .tenCommitments, code: "C99"), severity: .general, role: .main)
    #expect(filled.range(for: unknown).failureValue == PenaltyRuleError(reason: .unknownCause, field: "cause"))
  }

  @Test("Rule ACC-RULE-VERSIONS: the version in force on a day; a new version starts today or later, on a day of its own")
  func versions() throws {
    let day = { (s: String) in try #require(CivilDate(iso: s)) }
    let v1 = PenaltyRuleVersion(number: 1, effectiveFrom: try day("2020-01-01"), rules: rules)
    var cheaper = rules
    cheaper.general[0].amount = .yuan(50, 100)
    let v2 = PenaltyRuleVersion(number: 2, effectiveFrom: try day("2026-07-01"), rules: cheaper)
    #expect(PenaltyRuleVersion.inForce(on: try day("2026-06-30"), among: [v1, v2])?.number == 1)
    #expect(PenaltyRuleVersion.inForce(on: try day("2026-07-01"), among: [v2, v1])?.number == 2)
    #expect(PenaltyRuleVersion.inForce(on: try day("2019-12-31"), among: [v1, v2]) == nil)
    let today = try day("2026-06-15")
    #expect(PenaltyRuleVersion.scheduleProblem(effectiveFrom: try day("2026-06-14"), today: today, existing: [v1]) == "effectiveFrom")
    #expect(PenaltyRuleVersion.scheduleProblem(effectiveFrom: try day("2026-07-01"), today: today, existing: [v1, v2]) == "effectiveFrom")
    #expect(PenaltyRuleVersion.scheduleProblem(effectiveFrom: today, today: today, existing: [v1, v2]) == nil)
  }

  @Test("Rule ACC-RULE-VERSIONS: a new rule set is checked field by field before it is stored")
  func ruleSetProblems() {
    #expect(rules.problem() == nil)
    var edits: [(String, (inout PenaltyRuleSet) -> Void)] = []
    edits.append(("general.quality_error.maxFen", { $0.general[0].amount = FenRange(minFen: 20_000, maxFen: 10_000) }))
    edits.append(("general.quality_error.minFen", { $0.general[0].amount = FenRange(minFen: -1, maxFen: 100) }))
    edits.append(("general.poor_attitude", { $0.general.remove(at: 2) }))
    edits.append(("events.major.main.sanctions", { $0.events[5].sanctions = SanctionRange(lowest: .dismissal, highest: .warning) }))
    edits.append(("events.major.main", { $0.events.append($0.events[5]) }))
    edits.append(("outsideChannels.code", { $0.outsideChannels.append(OutsideChannel(code: "12398", name: "重复")) }))
    edits.append(("outsideChannelFactor", { $0.outsideChannelFactor = 0 }))
    edits.append(("ceilingFen", { $0.ceilingFen = PenaltyRuleSet.largestCeilingFen + 1 }))
    edits.append(("ten_prohibitions.code", { $0.tenProhibitions = [CompanyRuleItem(code: " ", title: "x", amount: .yuan(1, 2))] }))
    edits.append(("unitFalseReply.defaultFen", { $0.unitFalseReply = FenRange(minFen: 100, maxFen: 200, defaultFen: 300) }))
    for (field, edit) in edits {
      var changed = rules
      edit(&changed)
      #expect(changed.problem() == field)
    }
  }
}

extension Result {
  var failureValue: Failure? {
    if case .failure(let error) = self { return error }
    return nil
  }
}
