import Domain
import Foundation

/// The audit log in words: each record's snapshots compared field by field, every field named,
/// coded values (states, actions, roles, kinds, yes/no) translated, times in Beijing time and
/// references to units and people by name. The raw JSON stays available through the API.
struct AuditWording {
  struct Change: Encodable, Equatable {
    let label: String
    let before: String
    let after: String
  }

  let localizer: Localizer
  let locale: String
  /// Names of units and users by id, for snapshot values that refer to them.
  let names: [String: String]

  /// Keys whose coded values have a translation, by the locale-key prefix of that translation.
  /// Entity-specific first ("work_order.state"), then by key alone.
  static let valueKeys: [String: String] = [
    "work_order.state": "workorder.state.", "work_order.action": "workorder.action.", "flags": "workorder.flag.",
    "roles": "role.", "kind": "unit.kind.", "unit.kind": "unit.kind.", "locale": "language.",
    "api_token.state": "token.state.", "survey_sample.outcome": "interview.outcome.", "channel": "survey.channel.",
    "segment": "survey.segment.", "milestone": "survey.milestone.", "survey_sample.status": "survey.sample_status.",
    "analysis_run.kind": "analysis.kind.", "calendar_day.kind": "calendar.kind.", "supplyArea": "unit.supply_area.",
    "inspection.method": "inspection.method.", "inspection_finding.state": "inspection.finding_state.",
    "accountability_case.state": "accountability.state.", "accountability_case.severity": "accountability.severity.",
    "accountability_case.cause": "accountability.cause.", "accountability_case.causeFramework": "accountability.framework.",
    "outage.type": "outage.type.", "outage.state": "outage.state.",
    "connection_application.stage": "commitments.stage.", "connection_application.wait": "commitments.wait_action.",
  ]

  /// Fields not shown: identifiers, which the entity column already links.
  static func hidden(_ key: String) -> Bool { key == "id" || key.hasSuffix(".id") }

  func changes(entity: String, before: String?, after: String?) -> [Change] {
    let old = Self.flatten(before)
    let new = Self.flatten(after)
    let keys = Set(old.keys).union(new.keys).filter { !Self.hidden($0) && old[$0] != new[$0] }
    return keys.sorted().map { key in
      Change(
        label: localizer.text("audit.field.\(key)", locale: locale),
        before: old[key].map { words(entity: entity, key: key, $0) } ?? "",
        after: new[key].map { words(entity: entity, key: key, $0) } ?? "")
    }
  }

  /// One value in words: translated if the key is coded, a time in Beijing time, a name for a
  /// known id, yes/no for booleans, lists joined.
  func words(entity: String, key: String, _ value: JSONLeaf) -> String {
    switch value {
    case .bool(let b):
      return localizer.text(b ? "common.yes" : "common.no", locale: locale)
    case .number(let n):
      return n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
    case .list(let items):
      return items.map { words(entity: entity, key: key, .text($0)) }.joined(separator: "、")
    case .text(let text):
      if let prefix = Self.valueKeys["\(entity).\(key)"] ?? Self.valueKeys[key], localizer.has(prefix + text) {
        return localizer.text(prefix + text, locale: locale)
      }
      if let name = names[text.uppercased()] { return name }
      if text.count >= 20, let instant = BusinessTime.parseInstant(text) { return DisplayFormat.dateTime(instant) }
      return text
    }
  }

  /// A snapshot's scalar values by dotted key (the unit's name is `unit.name`); lists of scalars stay lists.
  enum JSONLeaf: Equatable {
    case text(String)
    case number(Double)
    case bool(Bool)
    case list([String])
  }

  static func flatten(_ json: String?) -> [String: JSONLeaf] {
    guard let json, let snapshot = try? JSONCoding.decode(Snapshot.self, json) else { return [:] }
    var out: [String: JSONLeaf] = [:]
    func visit(_ value: Snapshot, _ key: String) {
      switch value {
      case .object(let members):
        for (k, v) in members { visit(v, key.isEmpty ? k : "\(key).\(k)") }
      case .list(let items):
        out[key] = .list(items.compactMap(\.text))
      case .scalar(let leaf):
        out[key] = leaf
      case .null:
        break
      }
    }
    visit(snapshot, "")
    return out
  }

  /// A stored snapshot as JSON: objects, lists and scalars.
  indirect enum Snapshot: Decodable {
    case object([String: Snapshot])
    case list([Snapshot])
    case scalar(JSONLeaf)
    case null

    init(from decoder: any Decoder) throws {
      let c = try decoder.singleValueContainer()
      if c.decodeNil() {
        self = .null
      } else if let b = try? c.decode(Bool.self) {
        self = .scalar(.bool(b))
      } else if let n = try? c.decode(Double.self) {
        self = .scalar(.number(n))
      } else if let s = try? c.decode(String.self) {
        self = .scalar(.text(s))
      } else if let l = try? c.decode([Snapshot].self) {
        self = .list(l)
      } else {
        self = .object(try c.decode([String: Snapshot].self))
      }
    }

    var text: String? {
      guard case .scalar(let leaf) = self else { return nil }
      switch leaf {
      case .text(let s): return s
      case .number(let n): return n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
      case .bool(let b): return String(b)
      case .list: return nil
      }
    }
  }
}
