import Foundation
import Vapor

/// An uploaded file kept on disk while its uploader confirms what it will do (replacing a
/// roster shows the old and new row counts first). The file never goes into the session:
/// it waits under `<data folder>/pending-uploads/` and is removed when confirmed, cancelled, or
/// older than `lifetime`.
struct PendingUploads: Sendable {
  struct Entry: Codable, Sendable, Equatable {
    let id: UUID
    let purpose: String
    let userID: UUID
    let subjectID: UUID
    let fileName: String
    /// What the confirmation page shows (row counts, say), worked out once at upload.
    let figures: [String: Int]
    let createdAt: Date
  }

  let root: URL
  /// How long an unconfirmed upload is kept (a working day is enough to come back to it).
  var lifetime: TimeInterval = 24 * 60 * 60

  init(root: String) { self.root = URL(fileURLWithPath: root, isDirectory: true) }

  private func dataURL(_ id: UUID) -> URL { root.appendingPathComponent(id.uuidString + ".upload") }
  private func entryURL(_ id: UUID) -> URL { root.appendingPathComponent(id.uuidString + ".json") }

  /// Stores the bytes and what they are for; removes expired uploads on the way.
  func save(
    _ data: Data, purpose: String, userID: UUID, subjectID: UUID, fileName: String, figures: [String: Int] = [:], now: Date
  ) throws -> Entry {
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    removeExpired(now: now)
    let entry = Entry(
      id: UUID(), purpose: purpose, userID: userID, subjectID: subjectID, fileName: fileName, figures: figures, createdAt: now)
    // The description first: bytes never sit on disk without one that lets them expire.
    try JSONCoding.encoder().encode(entry).write(to: entryURL(entry.id), options: .atomic)
    try data.write(to: dataURL(entry.id), options: .atomic)
    return entry
  }

  /// The upload and its bytes when it exists, belongs to this user and purpose, and has not expired.
  func load(_ id: UUID, purpose: String, userID: UUID, now: Date) -> (entry: Entry, data: Data)? {
    guard let raw = try? Data(contentsOf: entryURL(id)), let entry = try? JSONCoding.decoder().decode(Entry.self, from: raw),
      entry.purpose == purpose, entry.userID == userID, now.timeIntervalSince(entry.createdAt) < lifetime,
      let data = try? Data(contentsOf: dataURL(id))
    else { return nil }
    return (entry, data)
  }

  func remove(_ id: UUID) {
    try? FileManager.default.removeItem(at: dataURL(id))
    try? FileManager.default.removeItem(at: entryURL(id))
  }

  /// Deletes uploads older than `lifetime`, judged by their own creation time.
  func removeExpired(now: Date) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { return }
    for name in names where name.hasSuffix(".json") {
      guard let id = UUID(uuidString: String(name.dropLast(5))) else { continue }
      let entry = (try? Data(contentsOf: entryURL(id))).flatMap { try? JSONCoding.decoder().decode(Entry.self, from: $0) }
      if let entry, now.timeIntervalSince(entry.createdAt) < lifetime { continue }
      remove(id)
    }
  }
}

extension Application {
  var pendingUploads: PendingUploads { PendingUploads(root: config.dataDirectory + "/pending-uploads") }
}
