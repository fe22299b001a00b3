import Foundation
import Testing

@testable import Domain

@Suite("Accountability deduction ledger")
struct DeductionLedgerTests {
  func month(_ text: String) throws -> YearMonth { try #require(YearMonth(iso: text)) }
  let a = UUID(uuidString: "00000000-0000-0000-0000-00000000000A") ?? UUID()
  let b = UUID(uuidString: "00000000-0000-0000-0000-00000000000B") ?? UUID()

  /// Runs months in order the way the service does, keeping every row.
  func run(_ months: [(String, Int)], charges: [Charge]) throws -> [LedgerRow] {
    var history: [LedgerRow] = []
    for (text, pay) in months {
      history += DeductionLedger.rows(month: try month(text), payFen: pay, charges: charges, history: history)
    }
    return history
  }

  @Test("Rule ACC-DEDUCTION and ACC-LEDGER: a charge larger than two months' pay settles in the third")
  func carryOver() throws {
    let charge = Charge(id: a, amountFen: 250_000, firstMonth: try month("2026-07"))
    let rows = try run([("2026-07", 100_000), ("2026-08", 100_000), ("2026-09", 100_000), ("2026-10", 100_000)], charges: [charge])
    #expect(rows.map(\.chargedFen) == [250_000, 150_000, 50_000])
    #expect(rows.map(\.deductedFen) == [100_000, 100_000, 50_000])
    #expect(rows.map(\.carriedFen) == [150_000, 50_000, 0])
    #expect(rows.map(\.month.description) == ["2026-07", "2026-08", "2026-09"])
    #expect(DeductionLedger.isSettled(charge, rows: rows))
    #expect(!DeductionLedger.isSettled(charge, rows: Array(rows.prefix(2))))
  }

  @Test("Rule ACC-DEDUCTION: several cases in one month share the month's pay, oldest first")
  func severalInOneMonth() throws {
    let first = Charge(id: a, amountFen: 60_000, firstMonth: try month("2026-07"))
    let second = Charge(id: b, amountFen: 80_000, firstMonth: try month("2026-07"))
    let rows = try run([("2026-07", 100_000), ("2026-08", 100_000)], charges: [first, second])
    #expect(rows.count == 3)
    #expect(
      rows[0]
        == LedgerRow(chargeID: a, month: try month("2026-07"), kind: .deduction, chargedFen: 60_000, deductedFen: 60_000, carriedFen: 0))
    #expect(
      rows[1]
        == LedgerRow(
          chargeID: b, month: try month("2026-07"), kind: .deduction, chargedFen: 80_000, deductedFen: 40_000, carriedFen: 40_000))
    #expect(
      rows[2]
        == LedgerRow(chargeID: b, month: try month("2026-08"), kind: .deduction, chargedFen: 40_000, deductedFen: 40_000, carriedFen: 0))
    #expect(rows.filter { $0.month == rows[0].month }.reduce(0) { $0 + $1.deductedFen } == 100_000)
  }

  @Test("Rule ACC-DEDUCTION: a charge approved later in a month uses only the pay the month's earlier rows left; a month is written once")
  func laterInMonth() throws {
    let july = try month("2026-07")
    var history = DeductionLedger.rows(
      month: july, payFen: 100_000, charges: [Charge(id: a, amountFen: 70_000, firstMonth: july)], history: [])
    let charges = [Charge(id: a, amountFen: 70_000, firstMonth: july), Charge(id: b, amountFen: 50_000, firstMonth: july)]
    let more = DeductionLedger.rows(month: july, payFen: 100_000, charges: charges, history: history)
    #expect(more == [LedgerRow(chargeID: b, month: july, kind: .deduction, chargedFen: 50_000, deductedFen: 30_000, carriedFen: 20_000)])
    history += more
    #expect(DeductionLedger.rows(month: july, payFen: 100_000, charges: charges, history: history).isEmpty)
  }

  @Test("Rule ACC-REFUND: a case withdrawn after partial deduction is refunded as a row; nothing is deducted after it")
  func refund() throws {
    let charge = Charge(id: a, amountFen: 250_000, firstMonth: try month("2026-07"))
    var rows = try run([("2026-07", 100_000), ("2026-08", 60_000)], charges: [charge])
    let refund = try #require(DeductionLedger.refund(charge, month: try month("2026-09"), history: rows))
    #expect(
      refund
        == LedgerRow(chargeID: a, month: try month("2026-09"), kind: .refund, chargedFen: -90_000, deductedFen: -160_000, carriedFen: 0))
    let before = rows
    rows.append(refund)
    #expect(rows.dropLast() == before[...])
    #expect(rows.reduce(0) { $0 + $1.deductedFen } == 0)
    #expect(DeductionLedger.owed(charge, rows: rows) == nil)
    #expect(DeductionLedger.rows(month: try month("2026-09"), payFen: 100_000, charges: [charge], history: rows).isEmpty)
    #expect(DeductionLedger.refund(charge, month: try month("2026-10"), history: rows) == nil)
    // Withdrawn before any deduction: there is nothing to refund.
    #expect(
      DeductionLedger.refund(Charge(id: b, amountFen: 1, firstMonth: try month("2026-07")), month: try month("2026-07"), history: rows)
        == nil)
  }

  @Test("Rule ACC-DEDUCTION: no pay in a month deducts nothing and carries everything")
  func noPay() throws {
    let charge = Charge(id: a, amountFen: 30_000, firstMonth: try month("2026-12"))
    let rows = try run([("2026-12", 0), ("2027-01", 50_000)], charges: [charge])
    #expect(rows.map(\.carriedFen) == [30_000, 0])
    #expect(rows.map(\.month.description) == ["2026-12", "2027-01"])
  }

  @Test("YearMonth parses YYYY-MM only")
  func yearMonth() {
    #expect(YearMonth(iso: "2026-07")?.next.description == "2026-08")
    #expect(YearMonth(iso: "2026-12")?.next.description == "2027-01")
    for bad in ["2026-7", "2026-13", "26-07", "2026/07", "", "２０２６-07"] { #expect(YearMonth(iso: bad) == nil, "\(bad)") }
  }
}

@Suite("Accountability performance pay")
struct PayRulesTests {
  @Test(
    "Rule ACC-PAY: yuan as typed become fen; negative, absurd and malformed amounts are named",
    arguments: [
      ("3500", Result<Int, PayRules.Problem>.success(350_000)), ("3500.5", .success(350_050)), ("3,500.05", .success(350_005)),
      ("0", .success(0)), ("100000", .success(10_000_000)), ("100000.01", .failure(.tooLarge)), ("-1", .failure(.negative)),
      ("abc", .failure(.notANumber)), ("", .failure(.notANumber)), ("1.234", .failure(.notANumber)), ("1e5", .failure(.notANumber)),
      ("９９", .failure(.notANumber)), ("99999999999999999999", .failure(.notANumber)),
    ])
  func parse(_ text: String, _ expected: Result<Int, PayRules.Problem>) {
    #expect(PayRules.fen(fromYuan: text) == expected)
  }

  @Test("Rule ACC-PAY: amounts sent in fen are checked the same way")
  func fenChecks() {
    #expect(PayRules.check(fen: 0) == nil && PayRules.check(fen: PayRules.maxMonthlyFen) == nil)
    #expect(PayRules.check(fen: -1) == .negative && PayRules.check(fen: PayRules.maxMonthlyFen + 1) == .tooLarge)
  }
}
