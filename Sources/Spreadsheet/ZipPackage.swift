import Foundation
import ZIPFoundation

/// The ZIP container around the XML parts, with every ZIPFoundation error turned into a `SpreadsheetError`.
enum ZipPackage {
  /// Parts larger than this when inflated are refused, so that a zip bomb cannot exhaust memory.
  static let maxPartSize = 1 << 30

  /// Deflates (or, for tests, stores) the parts, in the given order, into an in-memory archive.
  static func write(parts: [(path: String, xml: String)], compressed: Bool = true) throws(SpreadsheetError) -> Data {
    do {
      return try archive(of: parts, method: compressed ? .deflate : .none)
    } catch {
      throw SpreadsheetError("could not write the XLSX archive: \(error)")
    }
  }

  private static func archive(of parts: [(path: String, xml: String)], method: CompressionMethod) throws -> Data {
    let archive = try Archive(data: Data(), accessMode: .create)
    for part in parts {
      let data = Data(part.xml.utf8)
      try archive.addEntry(
        with: part.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: fixedDate,
        compressionMethod: method
      ) { position, size in
        data.subdata(in: Int(position)..<Int(position) + size)
      }
    }
    guard let data = archive.data else { throw SpreadsheetError("could not finish the XLSX archive") }
    return data
  }

  /// A fixed timestamp keeps identical workbooks byte-identical (useful for caching and tests).
  private static let fixedDate = Date(timeIntervalSince1970: 1_577_836_800)

  /// Opens `data` as a ZIP archive for reading.
  static func open(_ data: Data) throws(SpreadsheetError) -> ZipReader {
    try ZipReader(data)
  }

  /// The inflated bytes of a part, or nil if the archive has no such part. Part names are case-insensitive in OPC,
  /// and some writers store them with a leading slash.
  static func part(_ path: String, in package: ZipReader) throws(SpreadsheetError) -> Data? {
    guard let (name, entry) = package.entry(path) else { return nil }
    return try package.contents(of: entry, name: name, limit: maxPartSize)
  }
}

extension ZipReader {
  /// The entry for a part name, matched exactly first and then as OPC does (case-insensitive, leading "/" ignored).
  func entry(_ path: String) -> (name: String, entry: Entry)? {
    let wanted = path.hasPrefix("/") ? String(path.dropFirst()) : path
    if let entry = entries[wanted] { return (wanted, entry) }
    let lowered = wanted.lowercased()
    return entries.first { name, _ in
      (name.hasPrefix("/") ? String(name.dropFirst()) : name).lowercased() == lowered
    }.map { ($0.key, $0.value) }
  }
}
