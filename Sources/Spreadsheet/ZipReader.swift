import Foundation
import ZIPFoundation

/// A bounds-checked reader for the ZIP container of an `.xlsx`. ZIPFoundation 0.9.20's `Archive` traps on corrupt
/// offsets when reading from memory and loops forever on a truncated deflate stream, so the directory is parsed here
/// and only ZIPFoundation's `Data.decompress` (fed by a provider that stops at the entry's end) is used.
struct ZipReader {
  struct Entry {
    let method: UInt16
    let flags: UInt16
    let crc: UInt32
    let compressedSize: Int
    let uncompressedSize: Int
    let localHeaderOffset: Int
  }

  private let bytes: [UInt8]
  /// Entries by path, the first one winning as in ZIPFoundation's lookup.
  let entries: [String: Entry]

  init(_ data: Data) throws(SpreadsheetError) {
    bytes = [UInt8](data)
    if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
      // An OLE compound file: what Excel writes for .xls and for password-protected .xlsx.
      throw SpreadsheetError("not an XLSX file: legacy .xls or password-protected workbook")
    }
    guard let end = Self.endOfCentralDirectory(in: bytes) else { throw SpreadsheetError("not an XLSX file") }
    var directory = try Self.directoryLocation(bytes: bytes, end: end)
    var entries: [String: Entry] = [:]
    for _ in 0..<directory.count {
      let offset = directory.offset
      guard try bytes.u32(offset) == 0x0201_4b50 else { throw SpreadsheetError("corrupt XLSX archive: bad directory") }
      let nameLength = try bytes.u16(offset + 28)
      let extraLength = try bytes.u16(offset + 30)
      let commentLength = try bytes.u16(offset + 32)
      let name = String(decoding: try bytes.slice(offset + 46, nameLength), as: UTF8.self)
      var sizes = [Int(try bytes.u32(offset + 24)), Int(try bytes.u32(offset + 20)), Int(try bytes.u32(offset + 42))]
      try Self.applyZip64(extra: bytes.slice(offset + 46 + nameLength, extraLength), to: &sizes)
      let entry = Entry(
        method: UInt16(try bytes.u16(offset + 10)), flags: UInt16(try bytes.u16(offset + 8)),
        crc: try bytes.u32(offset + 16),
        compressedSize: sizes[1], uncompressedSize: sizes[0], localHeaderOffset: sizes[2])
      if entries[name] == nil { entries[name] = entry }
      directory.offset = offset + 46 + nameLength + extraLength + commentLength
    }
    self.entries = entries
  }

  /// The inflated content of `entry`, refusing anything larger than `limit` bytes.
  func contents(of entry: Entry, name: String, limit: Int) throws(SpreadsheetError) -> Data {
    let corrupt = SpreadsheetError("corrupt XLSX archive: cannot read \(name)")
    guard entry.flags & 1 == 0 else { throw SpreadsheetError("encrypted XLSX files are not supported") }
    guard entry.uncompressedSize <= limit else { throw SpreadsheetError("part \(name) is too large") }
    let header = entry.localHeaderOffset
    guard try bytes.u32(header) == 0x0403_4b50 else { throw corrupt }
    let start = header + 30 + (try bytes.u16(header + 26)) + (try bytes.u16(header + 28))
    let compressed = try bytes.slice(start, entry.compressedSize)
    switch entry.method {
    case 0:
      let data = Data(compressed)
      guard data.crc32(checksum: 0) == entry.crc else { throw corrupt }
      return data
    case 8:
      return try Self.inflate(compressed, expected: entry, limit: limit, error: corrupt)
    default:
      throw SpreadsheetError("unsupported compression method \(entry.method) for \(name)")
    }
  }

  private static func inflate(
    _ input: ArraySlice<UInt8>, expected: Entry, limit: Int, error failure: SpreadsheetError
  )
    throws(SpreadsheetError) -> Data
  {
    var output = Data()
    output.reserveCapacity(min(expected.uncompressedSize, 64 << 20))
    let bufferSize = 64 * 1024
    do {
      let crc = try Data.decompress(size: Int64(input.count), bufferSize: bufferSize, skipCRC32: false) {
        position, size in
        // Always hand zlib a full buffer (it trusts the requested size) and stop once the entry's bytes are used up.
        let from = input.startIndex + Int(position)
        guard from < input.endIndex else { throw failure }
        var chunk = Data(input[from..<min(from + size, input.endIndex)])
        if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
        return chunk
      } consumer: { data in
        output.append(data)
        if output.count > limit { throw failure }
      }
      guard crc == expected.crc, output.count == expected.uncompressedSize else { throw failure }
    } catch {
      throw failure
    }
    return output
  }
}
