import Foundation

/// Bytes `start..<end` of a CSV body, beginning at the start of a record on physical line
/// `line`, holding `lineEnds` line ends.
public struct CSVChunk: Equatable, Sendable {
  public let start: Int
  public let end: Int
  public let line: Int
  public let lineEnds: Int

  public init(start: Int, end: Int, line: Int, lineEnds: Int) {
    self.start = start
    self.end = end
    self.line = line
    self.lineEnds = lineEnds
  }
}

/// Large CSV bodies read on all cores: the body is cut just after line ends into one chunk per
/// core, each read by its own `CSVScanner`. Only a body without quote characters is cut, because
/// only there is every line end the end of a record; its records are the same, with the same line
/// numbers, as one scanner reading the whole body would give.
public enum CSVChunks {
  /// Bodies at least this long (and free of quote characters) are read in parallel chunks;
  /// `WANJIA_CSV_PARALLEL_BYTES` changes it (tests of large files).
  public static let parallelBytes =
    ProcessInfo.processInfo.environment["WANJIA_CSV_PARALLEL_BYTES"].flatMap { Int($0) } ?? 4 << 20

  /// The body from the scanner's position in chunks: one per core (at most 8) when it is at
  /// least `threshold` bytes long and holds no quote character, otherwise one.
  public static func split(_ scanner: CSVScanner, threshold: Int = parallelBytes) -> [CSVChunk] {
    let bytes = scanner.bytes
    let from = scanner.position, n = scanner.end
    var parts = 1
    if n - from >= threshold, let base = bytes.baseAddress, memchr(base + from, Int32(UInt8(ascii: "\"")), n - from) == nil {
      parts = max(2, min(ProcessInfo.processInfo.activeProcessorCount, 8))
    }
    var bounds = [from]
    for k in 1..<parts {
      var p = max(from + (n - from) * k / parts, bounds[bounds.count - 1])
      while p < n, p > from, bytes[p - 1] != CSVScanner.lf, !(bytes[p - 1] == CSVScanner.cr && bytes[p] != CSVScanner.lf) { p += 1 }
      bounds.append(p)
    }
    bounds.append(n)
    var chunks: [CSVChunk] = []
    var line = scanner.line
    for k in 0..<(bounds.count - 1) {
      let ends = lineEnds(bytes, from: bounds[k], to: bounds[k + 1])
      chunks.append(CSVChunk(start: bounds[k], end: bounds[k + 1], line: line, lineEnds: ends))
      line += ends
    }
    return chunks
  }

  /// Line ends (LF, CRLF, a lone CR) in `bytes[from..<to]`, at `memchr` speed.
  public static func lineEnds(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
    guard let base = bytes.baseAddress, to > from else { return 0 }
    var count = 0
    var p = base + from
    let stop = base + to
    while p < stop, let hit = memchr(p, Int32(CSVScanner.lf), stop - p) {
      count += 1
      p = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) + 1
    }
    p = base + from
    while p < stop, let hit = memchr(p, Int32(CSVScanner.cr), stop - p) {
      let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self))
      if at + 1 >= base + bytes.count || at[1] != CSVScanner.lf { count += 1 }
      p = at + 1
    }
    return count
  }

  /// `work(k, scanner)` for every chunk, on all cores when there are several; the results in
  /// chunk order.
  public static func map<T>(
    _ bytes: UnsafeBufferPointer<UInt8>, _ chunks: [CSVChunk], _ work: @Sendable (Int, inout CSVScanner) -> T
  ) -> [T] {
    let shared = SharedBytes(buffer: bytes)
    var results = [T?](repeating: nil, count: chunks.count)
    results.withUnsafeMutableBufferPointer { slots in
      // Each worker writes its own slot only.
      let out = Slots(buffer: slots)
      DispatchQueue.concurrentPerform(iterations: chunks.count) { k in
        var scanner = CSVScanner(shared.buffer, chunk: chunks[k])
        out.buffer[k] = work(k, &scanner)
      }
    }
    return results.compactMap { $0 }
  }

  /// The file's bytes, only read by the chunk workers.
  private struct SharedBytes: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>
  }

  private struct Slots<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T?>
  }
}
