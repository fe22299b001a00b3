import Crypto
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
