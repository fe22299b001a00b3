import Foundation

#if canImport(Glibc)
  import Glibc
  private let systemRead = Glibc.read
#elseif canImport(Darwin)
  import Darwin
  private let systemRead = Darwin.read
#endif

/// A file's bytes for reading once from start to end: memory-mapped (not copied) when the system
/// allows, read into memory otherwise. The readers may `release` pages they are done with, so a
/// large file never sits whole in memory next to what is made of it.
public final class MappedFile {
  public enum Failure: Error, Equatable, Sendable {
    case missing, directory
    /// The system's reason.
    case unreadable(String)
  }

  public let bytes: UnsafeBufferPointer<UInt8>
  private let mapped: Bool

  public init(path: String) throws(Failure) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .missing }
    guard !isDirectory.boolValue else { throw .directory }
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw .unreadable(String(cString: strerror(errno))) }
    let size = Int(st.st_size)
    if size > 0, let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED {
      _ = madvise(map, size, MADV_SEQUENTIAL)
      bytes = UnsafeBufferPointer(start: map.assumingMemoryBound(to: UInt8.self), count: size)
      mapped = true
      return
    }
    bytes = UnsafeBufferPointer(try Self.readAll(fd, size: size))
    mapped = false
  }

  deinit {
    guard let base = bytes.baseAddress else { return }
    if mapped {
      munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
    } else {
      UnsafeMutableBufferPointer(mutating: bytes).deallocate()
    }
  }

  /// Tells the system the whole pages inside `bytes[from..<to]` are not needed now (a mapped
  /// file reads them again if they are touched); nothing for a copy.
  public func release(from: Int, to: Int) {
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    guard mapped, let base = bytes.baseAddress, page > 0, from < to else { return }
    let start = UInt(bitPattern: base + from), end = UInt(bitPattern: base + min(to, bytes.count))
    let alignedStart = (start + UInt(page) - 1) / UInt(page) * UInt(page)
    let alignedEnd = end / UInt(page) * UInt(page)
    guard alignedEnd > alignedStart, let p = UnsafeMutableRawPointer(bitPattern: alignedStart) else { return }
    _ = madvise(p, Int(alignedEnd - alignedStart), MADV_DONTNEED)
  }

  /// The file read into memory of its own (where it cannot be mapped).
  private static func readAll(_ fd: Int32, size: Int) throws(Failure) -> UnsafeMutableBufferPointer<UInt8> {
    let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: size)
    var done = 0
    while done < size, let base = buffer.baseAddress {
      let r = systemRead(fd, base + done, size - done)
      if r < 0 {
        if errno == EINTR { continue }
        let reason = String(cString: strerror(errno))
        buffer.deallocate()
        throw .unreadable(reason)
      }
      if r == 0 { break }
      done += r
    }
    // A file that shrank while being read: only what was read.
    return UnsafeMutableBufferPointer(rebasing: buffer[0..<done])
  }
}
