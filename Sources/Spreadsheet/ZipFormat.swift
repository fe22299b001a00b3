/// Locating the central directory, including the ZIP64 variants some streaming writers emit even for small files.
extension ZipReader {
  /// Offset of the end-of-central-directory record: the last signature within the final 64 KiB + 22 bytes.
  static func endOfCentralDirectory(in bytes: [UInt8]) -> Int? {
    guard bytes.count >= 22 else { return nil }
    let lowest = max(0, bytes.count - 22 - 65_535)
    var offset = bytes.count - 22
    while offset >= lowest {
      if bytes[offset] == 0x50, bytes[offset + 1] == 0x4b, bytes[offset + 2] == 0x05, bytes[offset + 3] == 0x06 {
        return offset
      }
      offset -= 1
    }
    return nil
  }

  /// Offset and entry count of the central directory, from the ZIP64 record when the classic fields overflow.
  static func directoryLocation(bytes: [UInt8], end: Int) throws(SpreadsheetError) -> (offset: Int, count: Int) {
    let count = try bytes.u16(end + 10)
    let offset = Int(try bytes.u32(end + 16))
    guard count == 0xFFFF || offset == 0xFFFF_FFFF else { return (offset, count) }
    let locator = end - 20
    guard locator >= 0, try bytes.u32(locator) == 0x0706_4b50 else { return (offset, count) }
    let record = try bytes.u64(locator + 8)
    guard try bytes.u32(record) == 0x0606_4b50 else { throw SpreadsheetError("corrupt XLSX archive: bad ZIP64 record") }
    return (try bytes.u64(record + 48), try bytes.u64(record + 32))
  }

  /// Replaces saturated sizes and offset (uncompressed, compressed, local header offset — in that order) with the
  /// values of the ZIP64 extra field.
  static func applyZip64(extra: ArraySlice<UInt8>, to values: inout [Int]) throws(SpreadsheetError) {
    guard values.contains(0xFFFF_FFFF) else { return }
    let field = Array(extra)
    var position = 0
    while position + 4 <= field.count {
      let id = try field.u16(position)
      let size = try field.u16(position + 2)
      if id == 1 {
        var cursor = position + 4
        for index in values.indices where values[index] == 0xFFFF_FFFF && cursor + 8 <= position + 4 + size {
          values[index] = try field.u64(cursor)
          cursor += 8
        }
        return
      }
      position += 4 + size
    }
  }
}

/// Little-endian reads that throw instead of trapping when a corrupt offset points outside the archive.
extension Array where Element == UInt8 {
  func slice(_ offset: Int, _ length: Int) throws(SpreadsheetError) -> ArraySlice<UInt8> {
    guard offset >= 0, length >= 0, offset <= count, length <= count - offset else {
      throw SpreadsheetError("corrupt XLSX archive: offset out of range")
    }
    return self[offset..<offset + length]
  }

  func u16(_ offset: Int) throws(SpreadsheetError) -> Int {
    let part = try slice(offset, 2)
    return Int(part[offset]) | Int(part[offset + 1]) << 8
  }

  func u32(_ offset: Int) throws(SpreadsheetError) -> UInt32 {
    let part = try slice(offset, 4)
    return (0..<4).reduce(UInt32(0)) { $0 | UInt32(part[offset + $1]) << (8 * $1) }
  }

  /// A ZIP64 field as an Int; values beyond Int.max can only be corrupt and are rejected.
  func u64(_ offset: Int) throws(SpreadsheetError) -> Int {
    let part = try slice(offset, 8)
    let value = (0..<8).reduce(UInt64(0)) { $0 | UInt64(part[offset + $1]) << (8 * UInt64($1)) }
    guard value <= UInt64(Int.max) else { throw SpreadsheetError("corrupt XLSX archive: offset out of range") }
    return Int(value)
  }
}
