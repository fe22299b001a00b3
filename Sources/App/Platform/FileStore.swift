import Crypto
import Domain
import Foundation
import Vapor

/// Where uploaded files live: behind a protocol so that tests and other deployments can swap
/// the disk for something else.
protocol FileStore: Sendable {
  /// Stores the bytes and returns where they are, named by their SHA-256 so that a file is
  /// kept once however often it is attached.
  func save(_ data: Data) throws -> StoredFile
  func read(_ path: String) throws -> Data
}

struct StoredFile: Sendable, Equatable {
  let path: String
  let sha256: String
}

/// Files under `<data folder>/attachments/ab/cdef…`.
struct LocalFileStore: FileStore {
  let root: String

  func save(_ data: Data) throws -> StoredFile {
    let hash = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    let relative = "\(hash.prefix(2))/\(hash)"
    let url = URL(fileURLWithPath: root).appendingPathComponent(relative)
    if !FileManager.default.fileExists(atPath: url.path) {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      // Write to a temporary name first so a crash never leaves half a file under the real name.
      let temporary = url.appendingPathExtension("part")
      try data.write(to: temporary)
      try FileManager.default.moveItem(at: temporary, to: url)
    }
    return StoredFile(path: relative, sha256: hash)
  }

  func read(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: root).appendingPathComponent(path))
  }
}

struct FileStoreKey: StorageKey {
  typealias Value = any FileStore
}

extension Application {
  var files: any FileStore {
    get { storage[FileStoreKey.self] ?? LocalFileStore(root: config.dataDirectory + "/attachments") }
    set { storage[FileStoreKey.self] = newValue }
  }
}

/// An uploaded file that passed its policy and is stored: its cleaned name, the content type
/// the policy found, and where it is. Attachments of orders and photos of findings come in here.
struct CheckedUpload: Sendable {
  let fileName: String
  let contentType: String
  let size: Int
  let stored: StoredFile

  /// Checks `data` against `policy` (a refusal is a 422 on the field `file`; `typeKey` words a
  /// type the policy does not take) and stores it. The name keeps its last path part, 200
  /// characters at most.
  static func store(
    _ data: Data, fileName rawName: String, policy: AttachmentPolicy, typeKey: String, in files: any FileStore
  ) throws -> CheckedUpload {
    let fileName = String(String(rawName.trimmingCharacters(in: .whitespaces).split(separator: "/").last ?? "").prefix(200))
    switch policy.check(fileName: fileName, bytes: [UInt8](data)) {
    case .success(let type):
      return CheckedUpload(fileName: fileName, contentType: type, size: data.count, stored: try files.save(data))
    case .failure(.empty): throw AppError.invalid("file", "import.error.empty")
    case .failure(.tooLarge(let max)): throw AppError.invalid("file", "attachment.error.too_large", String(max / 1024 / 1024))
    case .failure(.typeNotAllowed(let ext)): throw AppError.invalid("file", typeKey, ext.isEmpty ? "—" : ext)
    case .failure(.contentMismatch(let ext)): throw AppError.invalid("file", "attachment.error.content", ext)
    }
  }
}
