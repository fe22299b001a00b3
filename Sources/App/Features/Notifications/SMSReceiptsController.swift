import Vapor

/// `POST /api/v1/sms/receipts`: the SMS gateway reports what became of the messages it was
/// given (the `reference` each carried). All or nothing: an unknown message or status is a 422
/// naming the receipt, and no receipt of that request is recorded.
enum SMSReceiptsController {
  static func register(_ api: any RoutesBuilder) {
    api.post(Paths.apiSMSReceipts.components, use: receive)
  }

  struct Receipt: Content {
    var messageId: UUID
    var status: String
    var detail: String?
  }

  struct Body: Content {
    var receipts: [Receipt]
  }

  struct Answer: Content {
    let recorded: Int
  }

  static let maxReceipts = 10_000

  @Sendable static func receive(req: Request) async throws -> Answer {
    try req.actor.require(.admin)
    let body = try req.content.decode(Body.self)
    if body.receipts.count > maxReceipts { throw AppError.invalid("receipts", "sms.error.too_many", String(maxReceipts)) }
    for (index, receipt) in body.receipts.enumerated() where receipt.status != "delivered" && receipt.status != "failed" {
      throw AppError.invalid("receipts[\(index)].status", "validation.choice")
    }
    let receipts = body.receipts
    let now = req.now
    try await req.db.transaction { tx in
      for (index, receipt) in receipts.enumerated() {
        let known = try await Notifications.recordReceipt(
          messageID: receipt.messageId, delivered: receipt.status == "delivered", detail: receipt.detail, at: now, on: tx)
        if !known { throw AppError.invalid("receipts[\(index)].messageId", "sms.error.unknown_message") }
      }
    }
    return Answer(recorded: receipts.count)
  }
}
