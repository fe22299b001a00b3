import Foundation

/// A unit's place in the hierarchy as the chain of ids from the root, written "/a/b/c/". Storing
/// it lets "this unit's subtree" be one prefix match on either database.
public struct UnitPath: Hashable, Sendable {
  public let value: String

  public init(value: String) { self.value = value }

  public static func root(id: UUID) -> UnitPath { UnitPath(value: "/\(id.uuidString)/") }

  public func child(id: UUID) -> UnitPath { UnitPath(value: value + id.uuidString + "/") }

  public func contains(_ other: UnitPath) -> Bool { other.value.hasPrefix(value) }

  public var depth: Int { value.split(separator: "/").count }

  /// The ids from the root down to this unit itself (a path is written only from unit ids).
  public var ancestorIDs: [UUID] { value.split(separator: "/").compactMap { UUID(uuidString: String($0)) } }
}
