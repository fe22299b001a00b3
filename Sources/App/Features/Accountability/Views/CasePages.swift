import Domain
import Foundation

/// View models of the accountability pages.
struct CaseListPage: Encodable {
  struct Row: Encodable {
    let href: String
    let number: String
    let unitName: String
    let halfYear: String
    let stateKey: String
    let causeKey: String
    let severityKey: String
    let total: String
    let people: String
  }
  let chrome: Chrome
  let states: [Choice]
  let rows: [Row]
  let count: Int
}

struct CasePage: Encodable {
  struct Line: Encodable {
    let index: Int
    let roleKey: String
    let role: String
    let who: String
    let personId: String
    let unitId: String
    let range: String
    let amount: String
    /// What the amount field shows: the amount in yuan, or what was typed.
    let amountInput: String
    let sanction: String
    let sanctionKey: String
    let examRequired: Bool
    let examPassedOn: String?
  }
  struct Entry: Encodable {
    let month: String
    let kindKey: String
    let charged: String
    let deducted: String
    let carried: String
  }
  let chrome: Chrome
  let id: String
  let version: Int
  let number: String
  let unitName: String
  let halfYear: String
  let state: String
  let stateKey: String
  let causeKey: String
  let frameworkKey: String
  let severityKey: String
  let outside: String?
  let deductionMonth: String?
  let reason: String?
  let lines: [Line]
  let ledger: [Entry]
  let fourDonts: [Choice]
  let actionHref: String
  let canEdit: Bool
  let canSubmit: Bool
  let canDecide: Bool
  let canSettle: Bool
  let canWithdraw: Bool
  let canRecord: Bool
  let causes: [Choice]
  let severities: [Choice]
  let channels: [Choice]
  let roles: [Choice]
  let sanctions: [Choice]
  let people: [Choice]
  let thisMonth: String
  let values: [String: String]
  let errors: [String: String]
}

struct BatchPage: Encodable {
  struct Case: Encodable {
    let id: String
    let version: Int
    let href: String
    let number: String
    let total: String
  }
  struct Person: Encodable {
    let name: String
    let total: String
  }
  struct Batch: Encodable {
    let unitId: String
    let unitName: String
    let halfYear: String
    let cases: [Case]
    let people: [Person]
    let total: String
  }
  let chrome: Chrome
  let batches: [Batch]
  let action: String
  let thisMonth: String
  let errors: [String: String]
}

struct DeductionPage: Encodable {
  struct Row: Encodable {
    let person: String
    let unit: String
    let number: String
    let href: String
    let kindKey: String
    let charged: String
    let deducted: String
    let carried: String
  }
  let chrome: Chrome
  let month: String
  let rows: [Row]
  let charged: String
  let deducted: String
  let carried: String
  let xlsxHref: String
  let importAction: String
  let canImport: Bool
  let notice: String?
  let errors: [String: String]
  let importLines: [String]
}

struct MyPenaltiesPage: Encodable {
  let chrome: Chrome
  let cases: [CaseListPage.Row]
  let ledger: [CasePage.Entry]
  let owed: String
}
