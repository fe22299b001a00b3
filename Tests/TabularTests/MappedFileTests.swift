import Foundation
import Testing

@testable import Tabular

@Suite("Files mapped for reading")
struct MappedFileTests {
  @Test("A mapped file holds the file's bytes; releasing pages does not change what is read")
  func mapped() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tabular-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: url) }
    let content = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 % 251) })
    try content.write(to: url)
    let file = try MappedFile(path: url.path)
    #expect(Data(file.bytes) == content)
    file.release(from: 0, to: 150_000)
    #expect(Data(file.bytes) == content)
  }

  @Test("A missing file, a folder and an empty file")
  func failures() throws {
    #expect(throws: MappedFile.Failure.missing) { try MappedFile(path: "/nonexistent/x.csv") }
    #expect(throws: MappedFile.Failure.directory) { try MappedFile(path: FileManager.default.temporaryDirectory.path) }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tabular-empty-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: url) }
    try Data().write(to: url)
    #expect(try MappedFile(path: url.path).bytes.isEmpty)
  }
}
