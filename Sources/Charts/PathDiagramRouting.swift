import Foundation

/// Where the arrows of a path diagram run. Arrows between neighbouring columns are straight;
/// an arrow that skips columns leaves its box, runs above or below the boxes in between on a
/// level of its own and comes back, so it never crosses a box or another detour's run.
extension PathDiagram {
  static let detourBase = 36.0
  static let detourStep = 20.0

  struct Detour: Equatable {
    let up: Bool
    /// Distance of the run from the boxes' centre line.
    let height: Double
  }

  struct Route {
    let points: [(x: Double, y: Double)]
    let label: (x: Double, y: Double)
  }

  /// The detour of every edge (by index) that skips columns. Levels are handed out greedily,
  /// shortest detour first: each takes the lowest level that no overlapping detour on that side
  /// holds, above the boxes unless below is lower.
  func detours(depth: [Int]) -> [Int: Detour] {
    let index = Dictionary(nodes.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    var taken: [(up: Bool, low: Int, high: Int, level: Int)] = []
    var result: [Int: Detour] = [:]
    // Shorter detours first, so they take the inner levels and longer ones run around them.
    let skipping = edges.enumerated().compactMap { k, edge -> (k: Int, low: Int, high: Int)? in
      guard let f = index[edge.from], let t = index[edge.to], f != t else { return nil }
      let (low, high) = (min(depth[f], depth[t]), max(depth[f], depth[t]))
      return high - low > 1 ? (k, low, high) : nil
    }.sorted { ($0.high - $0.low, $0.k) < ($1.high - $1.low, $1.k) }
    for (k, low, high) in skipping {
      func freeLevel(up: Bool) -> Int {
        var level = 0
        while taken.contains(where: { $0.up == up && $0.level == level && $0.low < high && low < $0.high }) { level += 1 }
        return level
      }
      let above = freeLevel(up: true)
      let below = freeLevel(up: false)
      let up = above <= below
      taken.append((up, low, high, up ? above : below))
      result[k] = Detour(up: up, height: Self.detourBase + Self.detourStep * Double(up ? above : below))
    }
    return result
  }

  /// From the right side of the source box to the left side of the target (the facing sides
  /// when both sit in one column, which only a cyclic model produces).
  func route(from a: (x: Double, y: Double), to b: (x: Double, y: Double), detour: Detour?) -> Route {
    let half = Self.boxHeight / 2
    if abs(a.x - b.x) < 1 {
      let down = b.y > a.y
      let start = (x: a.x + Self.boxWidth / 2, y: down ? a.y + Self.boxHeight : a.y)
      let end = (x: b.x + Self.boxWidth / 2, y: down ? b.y : b.y + Self.boxHeight)
      return Route(points: [start, end], label: ((start.x + end.x) / 2, (start.y + end.y) / 2))
    }
    let start = (x: a.x + Self.boxWidth, y: a.y + half)
    let end = (x: b.x, y: b.y + half)
    guard let detour else {
      return Route(points: [start, end], label: ((start.x + end.x) / 2, (start.y + end.y) / 2))
    }
    let level = detour.up ? min(start.y, end.y) - detour.height : max(start.y, end.y) + detour.height
    // Rise and fall within the gaps beside the two boxes.
    let step = (end.x > start.x ? 1.0 : -1.0) * Self.columnGap / 2
    let points = [start, (x: start.x + step, y: level), (x: end.x - step, y: level), end]
    return Route(points: points, label: ((start.x + end.x) / 2, level))
  }
}
