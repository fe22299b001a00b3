/// Levels of the supply organisation (ORG-UNIT-LEVELS): provincial company → city company → county
/// company → supply station → service hall / team.
public enum UnitKind: String, Codable, Sendable, CaseIterable {
  case company
  case city
  case county
  case station
  case hall
  case team

  /// Which kinds may sit directly above this one. Halls and teams also exist directly under a
  /// county company (county service halls, county repair teams).
  public var allowedParents: Set<UnitKind> {
    switch self {
    case .company: return []
    case .city: return [.company]
    case .county: return [.city]
    case .station: return [.county]
    case .hall, .team: return [.station, .county]
    }
  }

  public var isRoot: Bool { self == .company }

  public func canBeChild(of parent: UnitKind?) -> Bool {
    guard let parent else { return isRoot }
    return allowedParents.contains(parent)
  }
}
