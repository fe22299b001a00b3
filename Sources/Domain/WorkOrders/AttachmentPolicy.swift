/// What may be attached to a work order (WO-ATTACHMENTS): at most 20 MB, and only document, image
/// and recording types whose content matches their name — a renamed executable is refused.
public struct AttachmentPolicy: Sendable, Equatable {
  public var maxBytes: Int
  /// File extension → content type; the content must start with one of the type's signatures.
  public var allowed: [String: String]

  public init(maxBytes: Int = 20 * 1024 * 1024, allowed: [String: String] = AttachmentPolicy.standardTypes) {
    self.maxBytes = maxBytes
    self.allowed = allowed
  }

  public static let standard = AttachmentPolicy()

  public static let standardTypes: [String: String] = [
    "pdf": "application/pdf", "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif",
    "txt": "text/plain", "csv": "text/csv", "doc": "application/msword", "xls": "application/vnd.ms-excel",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "mp3": "audio/mpeg", "wav": "audio/wav",
    "amr": "audio/amr",
  ]

  public enum Refusal: Error, Equatable, Sendable {
    case empty
    case tooLarge(maxBytes: Int)
    case typeNotAllowed(extension: String)
    case contentMismatch(extension: String)
  }

  /// The content type to store, or why the file is refused.
  public func check(fileName: String, bytes: [UInt8]) -> Result<String, Refusal> {
    guard !bytes.isEmpty else { return .failure(.empty) }
    guard bytes.count <= maxBytes else { return .failure(.tooLarge(maxBytes: maxBytes)) }
    let ext = fileName.split(separator: ".").count > 1 ? String(fileName.split(separator: ".").last!).lowercased() : ""
    guard let type = allowed[ext] else { return .failure(.typeNotAllowed(extension: ext)) }
    guard Self.contentMatches(ext, bytes) else { return .failure(.contentMismatch(extension: ext)) }
    return .success(type)
  }

  static func contentMatches(_ ext: String, _ bytes: [UInt8]) -> Bool {
    func starts(_ prefix: [UInt8]) -> Bool { bytes.starts(with: prefix) }
    switch ext {
    case "pdf": return starts(Array("%PDF".utf8))
    case "jpg", "jpeg": return starts([0xFF, 0xD8, 0xFF])
    case "png": return starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    case "gif": return starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8))
    case "docx", "xlsx": return starts([0x50, 0x4B, 0x03, 0x04])
    case "doc", "xls": return starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    case "mp3": return starts(Array("ID3".utf8)) || (bytes.count > 1 && bytes[0] == 0xFF && bytes[1] & 0xE0 == 0xE0)
    case "wav": return starts(Array("RIFF".utf8)) && bytes.count > 11 && Array(bytes[8..<12]) == Array("WAVE".utf8)
    case "amr": return starts(Array("#!AMR".utf8))
    // Text must be UTF-8 without NUL bytes (a binary renamed .txt has them).
    case "txt", "csv": return String(validating: bytes, as: UTF8.self) != nil && !bytes.contains(0)
    default: return false
    }
  }
}
