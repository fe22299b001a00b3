import Foundation
import Vapor

/// `wanjia.lock` in the data folder: every server holds it shared while it serves (several may),
/// and `restore` needs it alone, so a restore cannot replace the database under a running
/// server. An advisory `flock`: the system drops it when the holder exits, even by a crash.
final class DataFolderLock: Sendable {
  let path: String
  private let descriptor: Int32

  private init(path: String, descriptor: Int32) {
    self.path = path
    self.descriptor = descriptor
  }

  deinit { close(descriptor) }

  static func path(in dataDirectory: String) -> String { (dataDirectory as NSString).appendingPathComponent("wanjia.lock") }

  /// Held by a server for as long as it runs.
  static func shared(dataDirectory: String) throws -> DataFolderLock {
    try take(dataDirectory: dataDirectory, operation: LOCK_SH)
      ?? { throw CommandFailure("\(path(in: dataDirectory)) is held by a restore in progress") }()
  }

  /// Taken by `restore`: nil when a server holds the folder.
  static func exclusive(dataDirectory: String) throws -> DataFolderLock? {
    try take(dataDirectory: dataDirectory, operation: LOCK_EX)
  }

  private static func take(dataDirectory: String, operation: Int32) throws -> DataFolderLock? {
    try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
    let path = path(in: dataDirectory)
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw CommandFailure("cannot open \(path): \(String(cString: strerror(errno)))") }
    guard flock(fd, operation | LOCK_NB) == 0 else {
      close(fd)
      return nil
    }
    return DataFolderLock(path: path, descriptor: fd)
  }
}

struct DataFolderLockKey: StorageKey {
  typealias Value = DataFolderLock
}
