// # 95598 work-order workflow
//
// Pure business rules for 95598 work orders (WO-STATES, WO-PERMISSIONS, WO-CLOCK-SELECTION).
// `Workflow.apply` is the only way to move an order; it returns the new snapshot, the milestones
// reached, the clock effects, notifications, flags and one audit row, or throws `WorkflowError`.
//
// ## States and moves
//
// ```
//                        answerAtIntake (consultation / query / praise)
//    intake ─────────────────────────────────────────────────────────────────────► closed
//      │  ▲
//      │  │ sendBackToAgent (lead, reason)
//      │ accept (agent)
//      ▼  │
//  pendingIntakeReview ── approveIntake (lead) ──┐        complaint, report only;
//      (complaint, report)                       │        other types: accept → pendingDispatch
//                                                ▼
//                      ┌──────────────────► pendingDispatch ◄──────────────────────────┐
//                      │                         │                                      │
//                      │                dispatch (agent | lead, unit)                   │
//                      │                         ▼                                      │
//  returnedByUnit ◄── returnByUnit ──────── dispatched ── recordArrival (repair) ──► onSite
//   (退单, reason,     (handler, within 1 wd)    │                                      │
//    redispatch ──► dispatched, flag redispatched) recordFirstContact (handler)  recordRestoration
//                                                ▼                                      │
//                                           inProgress ◄─── sendBackReply (reviewer)    │
//                                                │                 │                    │
//                                          reply (handler) ──► pendingReplyReview       │
//                                                │        (complaint, report)           │
//                                                │                 │ approveReply       │
//                                                ▼                 ▼ (reviewer)         ▼
//                                    (no return visit: closed)  pendingReturnVisit ◄────┘
//                                                                  │
//                                       recordReturnVisit (agent): satisfied → closed
//                                                                  unsatisfied → pendingDispatch
//                                                                  (next dispatch flags redispatched)
//
//  dispatched | inProgress | onSite ── pauseForCustomer ──► waitingForCustomer ── resume ──► (back)
//  any open state except intake ── transferToDiscipline ──► disciplineInspection
//                                    ── concludeInspection (reviewer) ──► pendingReturnVisit | closed
//  intake … waitingForCustomer ── mergeInto(parent) ──► merged   (child closed as duplicate)
// ```
//
// Moves that change no state: `requestExtension` (handler; reason, customer informed, before the
// deadline in force), `approveExtension` / `rejectExtension` (reviewer or lead), `raiseSeverity`,
// `fileSameDayReport` (serious or major events; flagged late when not filed on the day).
//
// ## Clocks
//
// Clocks are not hard-wired to moves: each `SLARule` names the milestones that start and stop it
// and the states in which it pauses; `Workflow` derives the clock effects from the milestones of a
// move. Defaults are in `DefaultSLAPolicy.swift`:
//
// | stage | applies to | limit | starts | stops | pauses in |
// |---|---|---|---|---|---|
// | dispatch | all handled types | 60 min | accepted, 退单, unsatisfied visit | any dispatch | – |
// | firstContact | complaint, report | 1 working day | any dispatch | first contact, 退单 | waiting |
// | reply | complaint 4 wd, report 9 wd, from 12398 10 wd, from 12345 7 days | | first dispatch, re-dispatch after visit, reply sent back by review | replied | waiting |
// | returnVisit | complaint, report, repair, service request | 24 h | ready for return visit | visited | – |
// | repairArrival | fault repair | urban 45 / rural 90 / remote 120 min, or the appointment | accepted | arrived | – |
// | repairRestoration | fault repair | urban 3 h / rural 4 h / remote 4 h | arrived | restored | waiting |
// | serviceCompletion | service request | reconnection 24 h, appliance damage on site 24 h, meter 4 wd, meter reading 6 wd, other 5 wd, or the appointment | accepted | replied (appliance damage: arrived) | waiting |
// | sameDayReport | serious/major complaint, report | 24:00 of the day | event raised | report filed | – |
//
// Closing, merging and handing over to discipline inspection stop every running clock.
//
// Pause rule: a paused clock's deadline moves by the time spent paused, in the clock's own time —
// working seconds for working-day clocks (a weekend pause costs nothing), elapsed seconds for the
// others. An appointment (约时) is a fixed instant and does not move. An approved extension
// replaces the deadline; a reply after the deadline in force (the original one without approval)
// is flagged `repliedLate` and the clock reading is breached.
//
// (Kept as comments in a Swift file so that SwiftPM does not warn about an unhandled resource.)
