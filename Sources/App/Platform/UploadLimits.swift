import Domain
import Vapor

/// The largest file each upload takes, in one place, for its form and its API route alike: the route collects up to the limit
/// plus room for the form's framing and small fields (`BodyLimit`), the page's file field checks
/// a chosen file against it before anything is sent (Public/js/upload-limit.js), and a larger
/// body gets a page that names the limit.
enum UploadLimits {
  enum Form: String, CaseIterable, Sendable {
    case attachment, roster, results, calendar, analysis, pay, grid

    /// Bytes of the file itself, whole megabytes.
    var bytes: Int {
      switch self {
      case .attachment: AttachmentPolicy.standard.maxBytes
      case .roster, .results, .grid: 100 * 1024 * 1024
      case .calendar: 2 * 1024 * 1024
      case .analysis, .pay: 20 * 1024 * 1024
      }
    }

    /// What the route collects. The slack stays under 1 MB, so a body over it is named with the
    /// same whole megabytes as the file limit (`AppError.tooLarge` rounds down).
    var collected: ByteCount { ByteCount(value: bytes + 512 * 1024) }
  }

  /// The limit for a page: bytes for the size check and the message shown beside the field,
  /// the same words as the page for a body over the limit.
  struct Shown: Encodable {
    let bytes: Int
    let message: String
  }

  static func shown(for request: Request) -> [String: Shown] {
    let localizer = request.application.localizer
    return Dictionary(
      uniqueKeysWithValues: Form.allCases.map { form in
        let refusal = AppError.tooLarge(limitBytes: form.bytes)
        let message = localizer.text(refusal.messageKey, locale: request.locale, args: refusal.args)
        return (form.rawValue, Shown(bytes: form.bytes, message: message))
      })
  }
}
