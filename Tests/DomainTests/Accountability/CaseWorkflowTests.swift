import Foundation
import Testing

@testable import Domain

@Suite("Accountability case workflow")
struct CaseWorkflowTests {
  let recorded = FourDonts(causeEstablished: "查明", personEducated: "已教育", correctiveMeasure: "已整改", personDealtWith: "已处理")

  @Test("Rule ACC-CASE-STATES: the happy path proposed → submitted → approved → deducting → settled")
  func happyPath() {
    var state = CaseState.proposed
    for action in [CaseAction.submit, .approve, .startDeducting, .settle] {
      guard case .success(let next) = CaseWorkflow.next(state, action, fourDonts: recorded, fullyDeducted: true) else {
        Issue.record("\(action) refused in \(state)")
        return
      }
      state = next
    }
    #expect(state == .settled)
  }

  @Test("Rule ACC-CASE-STATES: sent back needs a reason and returns to Marketing; final states take no action")
  func sendBackAndFinal() {
    #expect(CaseWorkflow.next(.submitted, .sendBack, fourDonts: recorded, fullyDeducted: false) == .failure(.reasonRequired))
    #expect(CaseWorkflow.next(.submitted, .sendBack, fourDonts: recorded, fullyDeducted: false, reason: "金额偏低") == .success(.sentBack))
    #expect(CaseWorkflow.next(.sentBack, .submit, fourDonts: recorded, fullyDeducted: false) == .success(.submitted))
    #expect(CaseWorkflow.linesEditable(.sentBack) && CaseWorkflow.linesEditable(.proposed) && !CaseWorkflow.linesEditable(.submitted))
    #expect(
      CaseWorkflow.next(.approved, .approve, fourDonts: recorded, fullyDeducted: false) == .failure(.notAllowedInState(.approved, .approve))
    )
    for final in [CaseState.settled, .withdrawn] {
      for action in CaseAction.allCases {
        #expect(
          CaseWorkflow.next(final, action, fourDonts: recorded, fullyDeducted: true, reason: "x")
            == .failure(.notAllowedInState(final, action)))
      }
    }
    #expect(CaseWorkflow.next(.deducting, .withdraw, fourDonts: FourDonts(), fullyDeducted: false) == .failure(.reasonRequired))
    #expect(CaseWorkflow.next(.deducting, .withdraw, fourDonts: FourDonts(), fullyDeducted: false, reason: "核实推翻") == .success(.withdrawn))
  }

  @Test("Rule ACC-FOUR-DONTS: settling needs each of the four don'ts recorded, named when missing, and nothing owed")
  func fourDontsGate() {
    for (index, field) in FourDonts.fields.enumerated() {
      var partial = recorded
      switch index {
      case 0: partial.causeEstablished = "  "
      case 1: partial.personEducated = ""
      case 2: partial.correctiveMeasure = "\n"
      default: partial.personDealtWith = ""
      }
      #expect(CaseWorkflow.next(.deducting, .settle, fourDonts: partial, fullyDeducted: true) == .failure(.fourDontsMissing([field])))
    }
    #expect(FourDonts().missing == FourDonts.fields)
    #expect(CaseWorkflow.next(.deducting, .settle, fourDonts: recorded, fullyDeducted: false) == .failure(.notFullyDeducted))
    #expect(CaseWorkflow.next(.deducting, .settle, fourDonts: recorded, fullyDeducted: true) == .success(.settled))
  }

  @Test("Rule ACC-CASE-ROLES: Marketing submits, settles and withdraws; the leadership group approves and sends back")
  func roles() {
    #expect(CaseAction.submit.role == .reviewer && CaseAction.settle.role == .reviewer && CaseAction.withdraw.role == .reviewer)
    #expect(CaseAction.approve.role == .leader && CaseAction.sendBack.role == .leader)
    #expect(CaseAction.startDeducting.role == nil)
  }

  @Test("Rule ACC-BATCH: half-years")
  func halfYears() throws {
    #expect(HalfYear(try #require(CivilDate(iso: "2026-06-30"))).description == "2026H1")
    #expect(HalfYear(try #require(CivilDate(iso: "2026-07-01"))).description == "2026H2")
    #expect(HalfYear(code: "2026H2") == HalfYear(year: 2026, half: 2))
    for bad in ["2026H3", "2026", "H1", "26H1"] { #expect(HalfYear(code: bad) == nil) }
  }
}
