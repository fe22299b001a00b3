import Foundation

/// Means, ranges and the covariance matrix of complete columns in one or two passes over the
/// data, split over the cores by row ranges. Everything PLS needs from the n × p data comes from
/// these p × p moments, so the iterations never touch the rows.
struct ColumnMoments: Sendable {
  /// Weighted means (Σw x / Σw).
  var means: [Double]
  var minimums: [Double]
  var maximums: [Double]
  /// Weighted population covariance (divisor Σw), p × p.
  var covariance: Matrix

  /// Rows per block of the cross-product pass (the centred block stays in cache).
  private static let blockRows = 1024

  init(columns: [[Double]], weights: [Double]?) {
    let p = columns.count
    let n = columns.first?.count ?? 0
    let parts = Self.parts(rows: n)
    // Pass 1: sums, ranges.
    let first = Partials<(sums: [Double], mins: [Double], maxs: [Double], sw: Double)>(count: parts)
    Self.forEachRange(rows: n, parts: parts) { k, range in
      var sums = [Double](repeating: 0, count: p)
      var mins = [Double](repeating: .infinity, count: p)
      var maxs = [Double](repeating: -.infinity, count: p)
      var sw = 0.0
      if let w = weights { for i in range { sw += w[i] } } else { sw = Double(range.count) }
      for j in 0..<p {
        columns[j].withUnsafeBufferPointer { x in
          var s0 = 0.0, s1 = 0.0
          var lo = Double.infinity, hi = -Double.infinity
          if let w = weights {
            w.withUnsafeBufferPointer { wb in
              for i in range { s0 += wb[i] * x[i]; lo = min(lo, x[i]); hi = max(hi, x[i]) }
            }
          } else {
            var i = range.lowerBound
            while i + 1 < range.upperBound {
              s0 += x[i]; s1 += x[i + 1]
              lo = min(lo, min(x[i], x[i + 1])); hi = max(hi, max(x[i], x[i + 1]))
              i += 2
            }
            if i < range.upperBound { s0 += x[i]; lo = min(lo, x[i]); hi = max(hi, x[i]) }
          }
          sums[j] = s0 + s1
          mins[j] = lo
          maxs[j] = hi
        }
      }
      first.set(k, (sums, mins, maxs, sw))
    }
    let firstParts = first.all
    let totalWeight = firstParts.reduce(0) { $0 + $1.sw }
    var means = [Double](repeating: 0, count: p)
    var mins = [Double](repeating: .infinity, count: p)
    var maxs = [Double](repeating: -.infinity, count: p)
    for part in firstParts {
      for j in 0..<p {
        means[j] += part.sums[j]
        mins[j] = min(mins[j], part.mins[j])
        maxs[j] = max(maxs[j], part.maxs[j])
      }
    }
    for j in 0..<p { means[j] = totalWeight > 0 ? means[j] / totalWeight : 0 }
    // Pass 2: centred cross products, block by block.
    let mu = means
    let second = Partials<[Double]>(count: parts)
    Self.forEachRange(rows: n, parts: parts) { k, range in
      var acc = [Double](repeating: 0, count: p * p)
      let b = Self.blockRows
      var centred = [Double](repeating: 0, count: p * b)
      var weighted = weights == nil ? [] : [Double](repeating: 0, count: p * b)
      var start = range.lowerBound
      while start < range.upperBound {
        let m = min(b, range.upperBound - start)
        centred.withUnsafeMutableBufferPointer { c in
          for j in 0..<p {
            columns[j].withUnsafeBufferPointer { x in
              let base = j * b
              for i in 0..<m { c[base + i] = x[start + i] - mu[j] }
            }
          }
          if let w = weights {
            weighted.withUnsafeMutableBufferPointer { cw in
              w.withUnsafeBufferPointer { wb in
                for j in 0..<p { for i in 0..<m { cw[j * b + i] = c[j * b + i] * wb[start + i] } }
              }
            }
          }
        }
        centred.withUnsafeBufferPointer { c in
          weighted.withUnsafeBufferPointer { cw in
            let left = weights == nil ? c : cw
            acc.withUnsafeMutableBufferPointer { a in
              for x in 0..<p {
                for y in 0...x {
                  a[x * p + y] += Self.dot(left.baseAddress! + x * b, c.baseAddress! + y * b, m)
                }
              }
            }
          }
        }
        start += m
      }
      second.set(k, acc)
    }
    var cov = Matrix(rows: p, cols: p)
    for part in second.all { for i in 0..<(p * p) { cov.values[i] += part[i] } }
    for x in 0..<p {
      for y in 0...x {
        let v = totalWeight > 0 ? cov.values[x * p + y] / totalWeight : 0
        cov.values[x * p + y] = v
        cov.values[y * p + x] = v
      }
    }
    self.means = means
    self.minimums = mins
    self.maximums = maxs
    self.covariance = cov
  }

  /// Dot product with four accumulators.
  @inline(__always)
  static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
    var i = 0
    while i + 4 <= n {
      s0 += a[i] * b[i]
      s1 += a[i + 1] * b[i + 1]
      s2 += a[i + 2] * b[i + 2]
      s3 += a[i + 3] * b[i + 3]
      i += 4
    }
    while i < n { s0 += a[i] * b[i]; i += 1 }
    return (s0 + s1) + (s2 + s3)
  }

  /// How many row ranges to split `rows` into (one per core for large data).
  static func parts(rows: Int) -> Int {
    rows < 50_000 ? 1 : max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
  }

  /// Runs `body(k, range)` for `parts` contiguous row ranges, concurrently when more than one.
  static func forEachRange(rows: Int, parts: Int, _ body: @Sendable (Int, Range<Int>) -> Void) {
    if parts <= 1 { body(0, 0..<rows); return }
    DispatchQueue.concurrentPerform(iterations: parts) { k in
      body(k, (rows * k / parts)..<(rows * (k + 1) / parts))
    }
  }
}

/// One result slot per worker.
final class Partials<T>: @unchecked Sendable {
  private var slots: [T?]
  private let lock = NSLock()
  init(count: Int) { slots = Array(repeating: nil, count: count) }
  func set(_ k: Int, _ value: T) {
    lock.lock()
    slots[k] = value
    lock.unlock()
  }
  var all: [T] {
    lock.lock()
    defer { lock.unlock() }
    return slots.compactMap { $0 }
  }
}
