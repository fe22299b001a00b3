/// Splits a sample total across strata without giving any stratum more than it has
/// (SV-SAMPLE-STRATA). Strata are identified by index; ties go to the larger stratum, then to the
/// earlier index, so the split is deterministic.
enum StratumAllocation {
  /// `capacities[i]` is the eligible count of stratum i; `total` is capped at their sum. Strata
  /// that would exceed their capacity are fixed at it and the rest is split again among the
  /// others with the same method, until nothing exceeds.
  static func allocate(total: Int, capacities: [Int], method: Allocation) -> [Int] {
    var result = Array(repeating: 0, count: capacities.count)
    var remaining = min(max(0, total), capacities.reduce(0) { $0 + max(0, $1) })
    var open = capacities.indices.filter { capacities[$0] > 0 }
    while remaining > 0, !open.isEmpty {
      let shares = split(remaining, among: open, capacities: capacities, method: method)
      let overfull = open.filter { shares[$0, default: 0] > capacities[$0] }
      if overfull.isEmpty {
        for index in open { result[index] = shares[index, default: 0] }
        return result
      }
      for index in overfull {
        result[index] = capacities[index]
        remaining -= capacities[index]
      }
      open.removeAll { overfull.contains($0) }
    }
    return result
  }

  private static func split(_ total: Int, among open: [Int], capacities: [Int], method: Allocation) -> [Int: Int] {
    switch method {
    case .proportional: return largestRemainder(total, among: open, capacities: capacities)
    case .equal: return equalShares(total, among: open, capacities: capacities)
    }
  }

  /// Hamilton's method: floor of each exact quota, then one more to the largest fractions.
  /// Integer arithmetic (quota = total × size / sum) keeps it exact.
  private static func largestRemainder(_ total: Int, among open: [Int], capacities: [Int]) -> [Int: Int] {
    let sum = open.reduce(0) { $0 + capacities[$1] }
    var shares: [Int: Int] = [:]
    var remainders: [(index: Int, remainder: Int)] = []
    for index in open {
      let product = total * capacities[index]
      shares[index] = product / sum
      remainders.append((index, product % sum))
    }
    let leftover = total - shares.values.reduce(0, +)
    let order = remainders.sorted { a, b in
      if a.remainder != b.remainder { return a.remainder > b.remainder }
      return isBefore(a.index, b.index, capacities: capacities)
    }
    for entry in order.prefix(leftover) { shares[entry.index, default: 0] += 1 }
    return shares
  }

  /// total / strata each; the remainder one each to the largest strata.
  private static func equalShares(_ total: Int, among open: [Int], capacities: [Int]) -> [Int: Int] {
    let base = total / open.count
    var shares = Dictionary(uniqueKeysWithValues: open.map { ($0, base) })
    let bySize = open.sorted { isBefore($0, $1, capacities: capacities) }
    for index in bySize.prefix(total % open.count) { shares[index, default: 0] += 1 }
    return shares
  }

  private static func isBefore(_ a: Int, _ b: Int, capacities: [Int]) -> Bool {
    capacities[a] != capacities[b] ? capacities[a] > capacities[b] : a < b
  }
}
