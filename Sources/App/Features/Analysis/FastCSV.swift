import Foundation

#if canImport(Glibc)
  import Glibc
  private let systemRead = Glibc.read
#elseif canImport(Darwin)
  import Darwin
  private let systemRead = Darwin.read
#endif

/// Columns read from a CSV file by `FastCSV`.
struct CSVColumns {
  /// Header names as written (quotes removed), in file order.
  var header: [String]
  /// Numeric columns by header index, 8 bytes a value; NaN marks a missing value (empty, NA,
  /// NaN, N/A, null).
  var values: [Int: [Double]] = [:]
  /// The numeric columns with `nil` for missing values (a copy, for small files).
  var numeric: [Int: [Double?]] { values.mapValues { $0.map { $0.isNaN ? nil : $0 } } }
  /// Text columns by header index (the raw field; `nil` for an empty field or NA).
  var text: [Int: [String?]] = [:]
  /// Physical line number (1-based) of every data row, for error messages.
  var lineNumbers: [Int32] = []
  var rowCount: Int { lineNumbers.count }
}

/// How a selected column is read.
enum CSVColumnKind {
  case skip, numeric, text
}

/// A comma-separated-values reader that works on the file's bytes directly: one pass, no
/// per-field `String` for numeric columns, decimal numbers converted with the exact fast path
/// (mantissa < 2^53 divided by an exact power of ten, i.e. one correctly rounded operation, as
/// `strtod` would give) and `strtod` for anything else. RFC 4180 quoting (including quoted
/// line breaks and doubled quotes), CRLF line ends, a UTF-8 BOM and blank lines are handled;
/// only the columns the caller selects are converted.
enum FastCSV {
  /// Reads `path` (memory-mapped, not copied); `select` gets the header and says which columns
  /// to keep and how.
  static func read(path: String, select: ([String]) throws -> [CSVColumnKind]) throws -> CSVColumns {
    let fd = try openFile(path)
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw AnalysisFailure("analysis.fail.data_unreadable", path) }
    let size = Int(st.st_size)
    guard size > 0 else { return try parse([], source: path, select: select) }
    guard let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED else {
      return try parse(readBytes(path), source: path, select: select)
    }
    defer { munmap(map, size) }
    _ = madvise(map, size, MADV_SEQUENTIAL)
    let buffer = UnsafeBufferPointer(start: map.assumingMemoryBound(to: UInt8.self), count: size)
    return try parse(buffer: buffer, source: path, parallelThreshold: parallelThreshold, releaseInput: true, select: select)
  }

  private static func openFile(_ path: String) throws -> Int32 {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw AnalysisFailure("analysis.fail.data_missing", path)
    }
    guard !isDirectory.boolValue else { throw AnalysisFailure("analysis.fail.data_directory", path) }
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw AnalysisFailure("analysis.fail.data_unreadable_because", path, String(cString: strerror(errno))) }
    return fd
  }

  static func readBytes(_ path: String) throws -> [UInt8] {
    let fd = try openFile(path)
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw AnalysisFailure("analysis.fail.data_unreadable", path) }
    let size = Int(st.st_size)
    var failed = false
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
      var done = 0
      count = 0
      guard let base = buffer.baseAddress else { return }  // an empty file
      while done < size {
        let r = systemRead(fd, base + done, size - done)
        if r < 0 { if errno == EINTR { continue }; failed = true; break }
        if r == 0 { break }
        done += r
      }
      count = done
    }
    if failed { throw AnalysisFailure("analysis.fail.data_unreadable_because", path, String(cString: strerror(errno))) }
    return bytes
  }

  private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

  /// Bodies at least this long (and free of quote characters) are parsed in parallel chunks.
  static let parallelThreshold = ProcessInfo.processInfo.environment["WANJIA_CSV_PARALLEL_BYTES"].flatMap { Int($0) } ?? 4 << 20

  static func parse(
    _ bytes: [UInt8], source: String, parallelThreshold: Int = FastCSV.parallelThreshold,
    select: ([String]) throws -> [CSVColumnKind]
  ) throws -> CSVColumns {
    try bytes.withUnsafeBufferPointer { try parse(buffer: $0, source: source, parallelThreshold: parallelThreshold, select: select) }
  }

  static func parse(
    buffer buf: UnsafeBufferPointer<UInt8>, source: String, parallelThreshold: Int, releaseInput: Bool = false,
    select: ([String]) throws -> [CSVColumnKind]
  ) throws -> CSVColumns {
    let n = buf.count
    var i = 0
    if n >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { i = 3 }
    var line = 1
    // Skip leading blank lines.
    while i < n, buf[i] == lf || buf[i] == cr { if buf[i] == lf { line += 1 }; i += 1 }
    guard i < n else { throw AnalysisFailure("analysis.fail.data_empty", source) }
    var scratch: [UInt8] = []
    var headerFields: [String] = []
    let headerLine = line
    while true {
      let (start, end, quoted, next, lines) = try field(buf, from: i, line: line, source: source, scratch: &scratch)
      line += lines
      var name =
        quoted
        ? String(decoding: scratch, as: UTF8.self) : String(decoding: UnsafeBufferPointer(rebasing: buf[start..<end]), as: UTF8.self)
      if !quoted { name = name.trimmingCharacters(in: .whitespaces) }
      headerFields.append(name)
      i = next
      if i < n, buf[i] == comma { i += 1; continue }
      break
    }
    i = skipLineEnd(buf, i, &line)
    var seen = Set<String>()
    for h in headerFields where !h.isEmpty && !seen.insert(h).inserted {
      throw AnalysisFailure("analysis.fail.header_twice", source, h, String(headerLine))
    }
    let kinds = try select(headerFields)
    guard kinds.count == headerFields.count else {
      throw AnalysisFailure("analysis.fail.column_kinds", String(kinds.count), String(headerFields.count))
    }
    var out = CSVColumns(header: headerFields)
    try parseBody(
      buf, from: i, line: line, kinds: kinds, header: headerFields, source: source, parallelThreshold: parallelThreshold,
      releaseInput: releaseInput, into: &out)
    return out
  }

  /// A chunk of the body: bytes `start..<end`, beginning at physical line `line`.
  private struct Chunk {
    var start: Int
    var end: Int
    var line: Int
    /// Upper bound on its data rows (line breaks + 1).
    var capacity: Int
  }

  /// The file's bytes, read (never written) by the chunk workers.
  private struct SharedBytes: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>
  }

  /// Per-column output buffers shared by the chunk workers (each writes its own row range).
  private final class Columns: @unchecked Sendable {
    var pointers: [UnsafeMutablePointer<Double>?]
    init(count: Int) { pointers = Array(repeating: nil, count: count) }
  }

  private final class ChunkResults: @unchecked Sendable {
    var rows: [Int]
    var lines: [[Int32]]
    var text: [[Int: [String?]]]
    var errors: [(any Error)?]
    init(count: Int) {
      rows = Array(repeating: 0, count: count)
      lines = Array(repeating: [], count: count)
      text = Array(repeating: [:], count: count)
      errors = Array(repeating: nil, count: count)
    }
  }

  /// Parses the data rows. Without quote characters in the body, large files are split at line
  /// breaks and parsed on all cores, each chunk writing straight into its rows of the columns.
  private static func parseBody(
    _ buf: UnsafeBufferPointer<UInt8>, from: Int, line: Int, kinds: [CSVColumnKind], header: [String], source: String,
    parallelThreshold: Int, releaseInput: Bool, into out: inout CSVColumns
  ) throws {
    let n = buf.count
    let width = header.count
    // parse(buffer:) has read a header, so the buffer is not empty.
    guard let start = buf.baseAddress else { throw AnalysisFailure("analysis.fail.data_empty", source) }
    let hasQuote = from < n && memchr(start + from, Int32(quote), n - from) != nil
    let cores = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
    let parts = (hasQuote || n - from < parallelThreshold) ? 1 : max(cores, 2)
    // Split points just after a line break.
    var bounds = [from]
    for k in 1..<max(parts, 1) {
      var p = max(from + (n - from) * k / parts, bounds[bounds.count - 1])
      while p < n, buf[p - 1] != lf { p += 1 }
      bounds.append(p)
    }
    bounds.append(n)
    var chunks: [Chunk] = []
    var nextLine = line
    for k in 0..<(bounds.count - 1) {
      let (s, e) = (bounds[k], bounds[k + 1])
      var breaks = 0
      if e > s {
        var p = start + s
        let stop = start + e
        while let hit = memchr(p, Int32(lf), stop - p) {
          breaks += 1
          p = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) + 1
        }
      }
      chunks.append(Chunk(start: s, end: e, line: nextLine, capacity: breaks + 1))
      nextLine += breaks
    }
    let total = chunks.reduce(0) { $0 + $1.capacity }
    // A memory-mapped file: drop the pages the counting pass read; parsing reads them again
    // from the page cache and drops them as it goes, so the file never sits whole in memory
    // next to the columns.
    if releaseInput { release(buf, from, n) }
    let numericColumns = (0..<width).filter { kinds[$0] == .numeric }
    let columns = Columns(count: width)
    for j in numericColumns {
      // Left uninitialised: every parsed row writes every numeric column, and only the parsed
      // rows are copied out (Double is a trivial type).
      columns.pointers[j] = UnsafeMutablePointer<Double>.allocate(capacity: total)
    }
    defer { for j in numericColumns { columns.pointers[j]?.deallocate() } }
    var offsets: [Int] = []
    var acc = 0
    for c in chunks { offsets.append(acc); acc += c.capacity }
    let results = ChunkResults(count: chunks.count)
    let lock = NSLock()
    let bytes = SharedBytes(buffer: buf)
    let (chunkList, offsetList) = (chunks, offsets)
    let work: @Sendable (Int) -> Void = { k in
      let base = bytes.buffer
      var lines: [Int32] = []
      var text: [Int: [String?]] = [:]
      var rows = 0
      var failure: (any Error)?
      do {
        rows = try parseRows(
          base, chunkList[k], kinds: kinds, header: header, source: source, columns: columns, rowOffset: offsetList[k],
          releaseInput: releaseInput,
          lineNumbers: &lines, text: &text)
      } catch {
        failure = error
      }
      lock.lock()
      results.rows[k] = rows
      results.lines[k] = lines
      results.text[k] = text
      results.errors[k] = failure
      lock.unlock()
    }
    if chunks.count == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: chunks.count, execute: work) }
    // The first error in file order.
    if let error = results.errors.compactMap({ $0 }).first { throw error }
    let rows = results.rows.reduce(0, +)
    // Copy out column by column, freeing each buffer at once, so the peak stays near one copy.
    let chunkRows = results.rows
    for j in numericColumns {
      guard let p = columns.pointers[j] else { continue }  // allocated above for every numeric column
      out.values[j] = [Double](unsafeUninitializedCapacity: rows) { dst, count in
        var at = 0
        count = 0
        guard let target = dst.baseAddress else { return }  // no rows
        for (k, r) in chunkRows.enumerated() {
          (target + at).initialize(from: p + offsetList[k], count: r)
          at += r
        }
        count = at
      }
      p.deallocate()
      columns.pointers[j] = nil
    }
    out.lineNumbers = results.lines.flatMap { $0 }
    for j in 0..<width where kinds[j] == .text {
      out.text[j] = results.text.flatMap { $0[j] ?? [] }
    }
  }

  /// Parses the rows of one chunk into `columns` from row `rowOffset`; returns the row count.
  private static func parseRows(
    _ buf: UnsafeBufferPointer<UInt8>, _ chunk: Chunk, kinds: [CSVColumnKind], header: [String], source: String,
    columns: Columns, rowOffset: Int, releaseInput: Bool, lineNumbers: inout [Int32], text: inout [Int: [String?]]
  ) throws -> Int {
    let n = chunk.end
    let width = header.count
    var i = chunk.start
    var line = chunk.line
    var scratch: [UInt8] = []
    var row = 0
    var released = chunk.start
    let pointers = columns.pointers
    lineNumbers.reserveCapacity(chunk.capacity)
    for j in 0..<width where kinds[j] == .text { text[j] = [] }
    let view = UnsafeBufferPointer(rebasing: buf[0..<n])
    while i < n {
      if view[i] == lf { line += 1; i += 1; continue }  // blank line
      if view[i] == cr, i + 1 >= n || view[i + 1] == lf { i += 1; continue }
      let rowLine = line
      var col = 0
      while true {
        let (start, end, quoted, next, lines) = try field(view, from: i, line: line, source: source, scratch: &scratch)
        line += lines
        if col < width {
          switch kinds[col] {
          case .skip: break
          case .numeric:
            let value: Double?
            if quoted {
              value = try scratch.withUnsafeBufferPointer {
                try number($0, 0, $0.count, line: rowLine, column: header[col], source: source)
              }
            } else {
              value = try number(view, start, end, line: rowLine, column: header[col], source: source)
            }
            pointers[col]?[rowOffset + row] = value ?? .nan
          case .text:
            let s =
              quoted
              ? String(decoding: scratch, as: UTF8.self)
              : String(decoding: UnsafeBufferPointer(rebasing: view[start..<end]), as: UTF8.self)
            let t = s.trimmingCharacters(in: .whitespaces)
            text[col, default: []].append(isMissingToken(t) ? nil : t)
          }
        }
        col += 1
        i = next
        if i < n, view[i] == comma { i += 1; continue }
        break
      }
      guard col == width else {
        throw AnalysisFailure("analysis.fail.csv_field_count", source, String(rowLine), String(col), String(width))
      }
      lineNumbers.append(Int32(truncatingIfNeeded: rowLine))
      row += 1
      i = skipLineEnd(view, i, &line)
      if releaseInput, i - released >= 1 << 20 {
        release(buf, released, i)
        released = i
      }
    }
    return row
  }

  /// Tells the kernel the whole pages inside `buf[from..<to]` of a read-only file mapping are
  /// not needed now (they are read again from the file if touched).
  private static func release(_ buf: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) {
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    guard let base = buf.baseAddress, page > 0 else { return }
    let start = UInt(bitPattern: base + from)
    let end = UInt(bitPattern: base + to)
    let alignedStart = (start + UInt(page) - 1) / UInt(page) * UInt(page)
    let alignedEnd = end / UInt(page) * UInt(page)
    guard alignedEnd > alignedStart, let p = UnsafeMutableRawPointer(bitPattern: alignedStart) else { return }
    _ = madvise(p, Int(alignedEnd - alignedStart), MADV_DONTNEED)
  }

  private static func skipLineEnd(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, _ line: inout Int) -> Int {
    var i = i
    if i < buf.count, buf[i] == cr { i += 1 }
    if i < buf.count, buf[i] == lf { i += 1; line += 1 }
    return i
  }

  /// One field starting at `from`. Unquoted: the byte range. Quoted: the unescaped content in
  /// `scratch`. Returns the index just after the field (at ',', line end or end of file) and the
  /// number of line breaks inside quotes.
  @inline(__always)
  private static func field(
    _ buf: UnsafeBufferPointer<UInt8>, from: Int, line: Int, source: String, scratch: inout [UInt8]
  ) throws -> (start: Int, end: Int, quoted: Bool, next: Int, lines: Int) {
    let n = buf.count
    var i = from
    if i < n, buf[i] == quote {
      scratch.removeAll(keepingCapacity: true)
      var lines = 0
      i += 1
      while true {
        guard i < n else { throw AnalysisFailure("analysis.fail.csv_unclosed_quote", source, String(line)) }
        let b = buf[i]
        if b == quote {
          if i + 1 < n, buf[i + 1] == quote { scratch.append(quote); i += 2; continue }
          i += 1
          break
        }
        if b == lf { lines += 1 }
        scratch.append(b)
        i += 1
      }
      // Allow spaces after the closing quote; anything else is malformed.
      while i < n, buf[i] == UInt8(ascii: " ") { i += 1 }
      guard i >= n || buf[i] == comma || buf[i] == lf || buf[i] == cr else {
        throw AnalysisFailure("analysis.fail.csv_text_after_quote", source, String(line + lines))
      }
      return (0, 0, true, i, lines)
    }
    while i < n {
      let b = buf[i]
      if b == comma || b == lf || b == cr { break }
      if b == quote {
        throw AnalysisFailure("analysis.fail.csv_stray_quote", source, String(line))
      }
      i += 1
    }
    return (from, i, false, i, 0)
  }
}
