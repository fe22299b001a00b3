import Foundation

extension Workflow {
  /// States in which an order is still being worked on.
  static let openStates: Set<WorkOrderState> = Set(WorkOrderState.allCases.filter { !$0.isTerminal })
  /// States from which an outage's restoration moves a grouped fault-repair call on.
  public static let restorableWithOutage: Set<WorkOrderState> = [.pendingDispatch, .dispatched, .onSite, .waitingForCustomer]
  /// Stages an approved extension moves (the handling limit of the order).
  static let extendableStages: [StageClock] = [.reply, .serviceCompletion]

  func transition(_ action: WorkOrderAction, _ m: inout Move) throws(WorkflowError) {
    let kind = action.kind
    let type = m.before.profile.type
    switch action {
    case .accept:
      try require([.intake], kind, m)
      guard !rules.answeredAtIntake.contains(type) else { throw .notForOrderType(kind, type) }
      m.reach(.accepted)
      m.after.intakeAgent = m.before.intakeAgent ?? m.person
      if rules.intakeReview.contains(type) {
        m.after.state = .pendingIntakeReview
        m.notify(.intakeAwaitingReview)
      } else {
        m.after.state = .pendingDispatch
      }
      if m.after.severity.requiresSameDayReport { raiseSeriousEvent(&m) }

    case .answerAtIntake(let answer):
      try require([.intake], kind, m)
      guard rules.answeredAtIntake.contains(type) else { throw .notForOrderType(kind, type) }
      try requireText(answer, kind)
      m.reach(.accepted)
      m.after.intakeAgent = m.person
      try close(&m)

    case .approveIntake:
      try require([.pendingIntakeReview], kind, m)
      m.after.state = .pendingDispatch

    case .sendBackToAgent(let reason):
      try require([.pendingIntakeReview], kind, m)
      try requireText(reason, kind)
      m.after.state = .intake

    case .dispatch(let unitID):
      try require([.pendingDispatch, .returnedByUnit], kind, m)
      if m.before.state == .returnedByUnit {
        m.reach(.redispatchedAfterReturn)
        m.flag(.redispatched)
      } else if m.before.reopenedAfterVisit {
        m.reach(.redispatchedAfterVisit)
        m.flag(.redispatched)
      } else {
        m.reach(.dispatched)
      }
      m.after.reopenedAfterVisit = false
      m.after.unitID = unitID
      m.after.handler = nil
      m.after.dispatchCount += 1
      m.after.lastDispatchedAt = m.at
      m.after.state = .dispatched
      m.notify(.orderDispatched(unitID: unitID))

    case .returnByUnit(let reason):
      try require([.dispatched, .inProgress], kind, m)
      try requireText(reason, kind)
      if let since = m.before.lastDispatchedAt {
        let days = rules.unitReturnWorkingDays
        let end = try calendarCall { () throws(CalendarError) in
          try ClockMath.baseDue(.workingDays(days), from: since, calendar: calendar)
        }
        guard m.at <= end else { throw .returnWindowClosed(endedAt: end) }
      }
      m.reach(.returnedByUnit)
      m.flag(.returnedByUnit)
      m.notify(.orderReturned(unitID: m.before.unitID, reason: reason))
      m.after.unitID = nil
      m.after.handler = nil
      m.after.state = .returnedByUnit

    case .recordFirstContact:
      try require([.dispatched], kind, m)
      guard type != .faultRepair else { throw .notForOrderType(kind, type) }
      m.reach(.firstContact)
      m.after.handler = m.before.handler ?? m.person
      m.after.state = .inProgress

    case .recordArrival:
      switch type {
      case .faultRepair:
        try require([.dispatched], kind, m)
        m.after.state = .onSite
      case .serviceRequest:
        try require([.dispatched, .inProgress], kind, m)
        m.after.state = .inProgress
      default: throw .notForOrderType(kind, type)
      }
      m.after.handler = m.before.handler ?? m.person
      m.reach(.arrived)

    case .recordRestoration:
      guard type == .faultRepair else { throw .notForOrderType(kind, type) }
      try require([.onSite], kind, m)
      m.reach(.restored)
      try finishHandling(&m)

    case .restoreWithOutage:
      // OUT-RESTORE-CHILDREN: the call was answered by the outage; a crew that had not recorded its
      // arrival for this call ends the arrival clock unfinished, judged at the restoration.
      guard type == .faultRepair else { throw .notForOrderType(kind, type) }
      try require(Self.restorableWithOutage, kind, m)
      if m.before.runningClocks.contains(.repairArrival) {
        m.after.runningClocks.remove(.repairArrival)
        m.after.deadlines[.repairArrival] = nil
        m.effects.append(.clock(.end(.repairArrival)))
      }
      m.after.handler = m.before.handler ?? m.person
      m.reach(.restored)
      try finishHandling(&m)

    case .pauseForCustomer(let reason):
      try require([.dispatched, .inProgress, .onSite], kind, m)
      try requireText(reason, kind)
      m.after.pausedFrom = m.before.state
      m.after.pausedSince = m.at
      m.after.state = .waitingForCustomer

    case .resumeFromCustomer:
      try require([.waitingForCustomer], kind, m)
      m.after.state = m.before.pausedFrom ?? .inProgress

    case .requestExtension(let reason, let newDue, let informed):
      try require([.dispatched, .inProgress, .waitingForCustomer], kind, m)
      try requireText(reason, kind)
      guard informed else { throw .customerNotInformed }
      guard m.before.pendingExtension == nil else { throw .extensionAlreadyPending }
      guard let (_, due) = handlingDeadline(m.before) else { throw .noDeadlineToExtend }
      guard m.at <= due else { throw .extensionAfterDeadline(due) }
      guard newDue > due else { throw .extensionNotLater(due) }
      let latest = try calendarCall { () throws(CalendarError) in
        try ClockMath.baseDue(rules.maxExtension, from: due, calendar: calendar)
      }
      guard newDue <= latest else { throw .extensionTooLong(latest) }
      m.after.pendingExtension = ExtensionRequest(reason: reason, newDue: newDue, requestedAt: m.at)
      m.notify(.extensionAwaitingApproval)

    case .withdrawExtension:
      try require(Self.openStates, kind, m)
      guard m.before.pendingExtension != nil else { throw .noPendingExtension }
      m.after.pendingExtension = nil

    case .approveExtension:
      try require(Self.openStates, kind, m)
      guard let request = m.before.pendingExtension else { throw .noPendingExtension }
      guard let (stage, _) = handlingDeadline(m.before) else { throw .noDeadlineToExtend }
      m.after.deadlines[stage] = request.newDue
      m.after.pendingExtension = nil
      m.effects.append(.clock(.extend(stage, due: request.newDue)))
      m.flag(.extended)
      m.notify(.extensionDecided(approved: true))

    case .rejectExtension(let reason):
      try require(Self.openStates, kind, m)
      guard m.before.pendingExtension != nil else { throw .noPendingExtension }
      try requireText(reason, kind)
      m.after.pendingExtension = nil
      m.notify(.extensionDecided(approved: false))

    case .reply(let summary, let investigation):
      try require([.inProgress], kind, m)
      try requireText(summary, kind)
      if let investigation { m.after.investigationComplete = investigation.isComplete }
      if isGatedEvent(m.after) && !m.after.investigationComplete { throw .investigationIncomplete }
      // Late against the deadline in force: the original one unless an extension was approved.
      if let (_, due) = handlingDeadline(m.before), m.at > due { m.flag(.repliedLate) }
      m.reach(.replied)
      if rules.replyReview.contains(type) {
        m.after.state = .pendingReplyReview
        m.notify(.replyAwaitingReview)
      } else {
        try finishHandling(&m)
      }

    case .approveReply:
      try require([.pendingReplyReview], kind, m)
      // The severity may have been raised after the reply: Marketing sends it back for the record.
      if isGatedEvent(m.before) && !m.before.investigationComplete { throw .investigationIncomplete }
      m.reach(.replyApproved)
      try finishHandling(&m)

    case .sendBackReply(let reason):
      try require([.pendingReplyReview], kind, m)
      try requireText(reason, kind)
      m.reach(.replySentBack)
      m.flag(.sentBackByReview)
      m.notify(.replySentBack(reason: reason))
      m.after.state = .inProgress

    case .recordReturnVisit(let satisfied, let note):
      try require([.pendingReturnVisit], kind, m)
      m.reach(.returnVisited)
      if satisfied {
        try close(&m)
      } else {
        // WO-RETURN-VISIT: handling found inadequate → 95598 re-dispatches.
        try requireText(note, kind)
        m.reach(.returnVisitUnsatisfied)
        m.flag(.reopenedAfterVisit)
        m.after.reopenedAfterVisit = true
        m.after.state = .pendingDispatch
      }

    case .transferToDiscipline(let reason):
      try require(Self.openStates.subtracting([.intake, .disciplineInspection]), kind, m)
      try requireText(reason, kind)
      m.reach(.transferredToDiscipline)
      m.flag(.transferredToDiscipline)
      m.notify(.disciplineInspectionTransfer(reason: reason))
      m.after.state = .disciplineInspection

    case .concludeInspection(let finding):
      try require([.disciplineInspection], kind, m)
      try requireText(finding, kind)
      try finishHandling(&m)

    case .raiseSeverity(let severity, let reason):
      try require(Self.openStates, kind, m)
      guard severity > m.before.severity else { throw .severityNotHigher }
      try requireText(reason, kind)
      m.after.severity = severity
      if severity.requiresSameDayReport && m.before.seriousSince == nil { raiseSeriousEvent(&m) }

    case .fileSameDayReport(let summary):
      try require(Self.openStates, kind, m)
      guard m.before.severity.requiresSameDayReport else { throw .notSeriousEvent }
      guard !m.before.sameDayReportFiled else { throw .sameDayReportAlreadyFiled }
      try requireText(summary, kind)
      m.after.sameDayReportFiled = true
      m.reach(.sameDayReportFiled)
      m.notify(.sameDayReportToMarketing(summary: summary))
      if let since = m.before.seriousSince, BusinessTime.civilDate(of: since) != BusinessTime.civilDate(of: m.at) {
        m.flag(.sameDayReportLate)
      }

    case .mergeInto(let parent):
      try require(
        [
          .intake, .pendingIntakeReview, .pendingDispatch, .returnedByUnit, .dispatched, .inProgress, .onSite,
          .waitingForCustomer,
        ], kind, m)
      guard parent.orderID != m.before.orderID else { throw .cannotMergeIntoSelf }
      guard !parent.state.isTerminal else { throw .parentNotOpen }
      guard parent.type == type else { throw .parentTypeMismatch }
      m.after.parentID = parent.orderID
      m.reach(.merged)
      m.notify(.mergedIntoParent(parentID: parent.orderID))
      m.after.state = .merged
    }
  }

  /// After the handling is done and accepted: return visit if the type takes one, else close.
  private func finishHandling(_ m: inout Move) throws(WorkflowError) {
    if rules.returnVisit.contains(m.before.profile.type) {
      m.reach(.readyForReturnVisit)
      m.notify(.returnVisitDue)
      m.after.state = .pendingReturnVisit
    } else {
      try close(&m)
    }
  }

  /// Every way to `closed` passes here. A serious or major event of a gated type closes only
  /// with the investigation record complete and the same-day report filed (四不放过).
  private func close(_ m: inout Move) throws(WorkflowError) {
    if isGatedEvent(m.after) {
      guard m.after.investigationComplete else { throw .investigationIncomplete }
      guard m.after.sameDayReportFiled else { throw .sameDayReportMissing }
    }
    m.reach(.closed)
    m.after.state = .closed
  }

  /// A serious or major event of a type under the closure gate.
  func isGatedEvent(_ s: WorkflowSnapshot) -> Bool {
    rules.closureGate.contains(s.profile.type) && s.severity.requiresSameDayReport
  }

  private func raiseSeriousEvent(_ m: inout Move) {
    m.after.seriousSince = m.at
    m.reach(.seriousEventRaised)
    let endOfDay = BusinessTime.startOfDay(BusinessTime.civilDate(of: m.at).adding(days: 1))
    m.notify(.sameDayReportDue(dueBy: endOfDay))
  }

  /// The running handling clock and its deadline in force.
  func handlingDeadline(_ s: WorkflowSnapshot) -> (StageClock, Date)? {
    for stage in Self.extendableStages where s.runningClocks.contains(stage) {
      if let due = s.deadlines[stage] { return (stage, due) }
    }
    return nil
  }

  private func require(
    _ states: Set<WorkOrderState>, _ kind: WorkOrderActionKind, _ m: Move
  )
    throws(WorkflowError)
  {
    guard states.contains(m.before.state) else { throw .wrongState(kind, m.before.state) }
  }

  private func requireText(_ text: String, _ kind: WorkOrderActionKind) throws(WorkflowError) {
    guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .missingReason(kind) }
  }
}
