import NIOConcurrencyHelpers
import Vapor

/// Where SMS leave the system. A company plugs in its SMS platform here; the default writes
/// each message to the log (the outbox table keeps the record either way).
protocol SMSGateway: Sendable {
  /// `reference` is the outbox message's id, which the gateway's delivery receipt names.
  func send(to recipient: String, body: String, reference: UUID) async throws
}

struct LogSMSGateway: SMSGateway {
  let logger: Logger

  func send(to recipient: String, body: String, reference: UUID) async throws {
    logger.info("sms", metadata: ["to": .string(recipient), "body": .string(body), "reference": .string(reference.uuidString)])
  }
}

/// Keeps what was sent, for tests.
final class RecordingSMSGateway: SMSGateway {
  private let box = NIOLockedValueBox<[(String, String)]>([])
  var sent: [(String, String)] { box.withLockedValue { $0 } }

  func send(to recipient: String, body: String, reference: UUID) async throws {
    box.withLockedValue { $0.append((recipient, body)) }
  }
}

struct SMSGatewayKey: StorageKey {
  typealias Value = any SMSGateway
}

extension Application {
  var smsGateway: any SMSGateway {
    get { storage[SMSGatewayKey.self] ?? LogSMSGateway(logger: logger) }
    set { storage[SMSGatewayKey.self] = newValue }
  }
}
