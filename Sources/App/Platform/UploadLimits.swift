import Domain
import Vapor

/// The largest file each upload form takes, in one place: its route collects up to the limit
/// (plus room for the form's other fields), the page's file field checks a chosen file against
/// it before anything is sent (Public/js/upload-limit.js), and a larger body gets a page in the
/// user's language that names it.
enum UploadLimits {
  enum Form: String, CaseIterable, Sendable {
    case attachment, roster, results, calendar, analysis

    /// Bytes of the file itself.
    var bytes: Int {
      switch self {
      case .attachment: AttachmentPolicy.standard.maxBytes
      case .roster, .results: 100 * 1024 * 1024
      case .calendar: 2 * 1024 * 1024
      case .analysis: 20 * 1024 * 1024
      }
    }

    /// What the route collects: the file, its multipart framing and the form's small fields.
    var collected: ByteCount { ByteCount(value: bytes + 1024 * 1024) }
  }

  /// "20 MB", "512 KB": how a limit is named on pages.
  static func text(_ bytes: Int) -> String {
    let mb = 1024 * 1024
    if bytes >= mb && bytes % mb == 0 { return "\(bytes / mb) MB" }
    if bytes >= mb { return String(format: "%.1f MB", Double(bytes) / Double(mb)) }
    return "\(max(bytes / 1024, 1)) KB"
  }

  /// The limit for a page: bytes for the size check and the message shown beside the field.
  struct Shown: Encodable {
    let bytes: Int
    let message: String
  }

  static func shown(for request: Request) -> [String: Shown] {
    Dictionary(
      uniqueKeysWithValues: Form.allCases.map {
        ($0.rawValue, Shown(bytes: $0.bytes, message: request.t("upload.too_large", text($0.bytes))))
      })
  }
}

extension RoutesBuilder {
  /// A POST route for an upload form: the body is collected up to the form's limit, and the
  /// limit stays on the route so that a larger body is answered with it.
  @discardableResult
  func upload<Result: AsyncResponseEncodable>(
    _ path: RoutePath, _ form: UploadLimits.Form, use handler: @Sendable @escaping (Request) async throws -> Result
  ) -> Route {
    let route = on(.POST, path.components, body: .collect(maxSize: form.collected), use: handler)
    route.userInfo[UploadLimits.routeKey] = form.bytes
    return route
  }
}

extension UploadLimits {
  static let routeKey: AnySendableHashable = "wanjia.uploadLimit"
}

extension Request {
  /// The largest file this route's form takes, or for other routes the largest body.
  var uploadLimit: Int {
    (route?.userInfo[UploadLimits.routeKey] as? Int) ?? application.routes.defaultMaxBodySize.value
  }
}
