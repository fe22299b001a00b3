import Foundation

/// A node of an indicator tree (index → structural variable → sub-indicator → item). Local
/// weights of siblings sum to 1; a leaf's global weight is the product down the tree.
public struct AHPNode: Sendable, Equatable, Codable {
  public let name: String
  public let localWeight: Double
  public let children: [AHPNode]

  public init(name: String, localWeight: Double = 1, children: [AHPNode] = []) {
    self.name = name
    self.localWeight = localWeight
    self.children = children
  }

  /// Global weights of all leaves with their path from the root. Throws when sibling weights are
  /// negative or do not sum to 1 (±1e-6).
  public func leafWeights() throws -> [(path: [String], weight: Double)] {
    try collect(prefix: [], weight: 1)
  }

  private func collect(prefix: [String], weight: Double) throws -> [(path: [String], weight: Double)] {
    let path = prefix + [name]
    guard !children.isEmpty else { return [(path, weight)] }
    guard children.allSatisfy({ $0.localWeight >= 0 && $0.localWeight.isFinite }) else {
      throw AnalyticsError.invalidArgument("children of '\(name)' have negative or non-finite weights")
    }
    let sum = children.reduce(0) { $0 + $1.localWeight }
    guard abs(sum - 1) <= 1e-6 else { throw AnalyticsError.invalidArgument("weights under '\(name)' sum to \(sum), not 1") }
    return try children.flatMap { try $0.collect(prefix: path, weight: weight * $0.localWeight) }
  }
}
