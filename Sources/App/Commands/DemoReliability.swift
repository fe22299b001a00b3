import Domain
import Fluent
import Foundation
import Vapor

/// Demo interruption history (rules REL-…): five years before this one and this year to date, for
/// every county and its stations — a couple of hundred interruptions a year per county, more in
/// summer, and a few storm days whose daily SAIDI makes them Major Event Days. Deterministic.
enum DemoReliability {
  /// SplitMix64, so that the demo is the same on every machine.
  struct Generator {
    var state: UInt64

    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }

    /// A number in 0..<1.
    mutating func unit() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }

    mutating func below(_ bound: Int) -> Int { Int(unit() * Double(bound)) }

    mutating func between(_ low: Int, _ high: Int) -> Int { low + below(high - low + 1) }
  }

  static let causes: [OutageType: [String]] = [
    .fault: ["10kV 线路雷击跳闸", "树障放电", "配变烧损", "电缆头击穿", "外力破坏（施工挖断电缆）", "鸟害", "台区低压熔断器熔断"],
    .planned: ["计划检修", "线路改造", "配网自动化改造", "新设备接入"],
    .temporary: ["临时检修消缺", "紧急缺陷处理"],
    .overCapacity: ["电网供电能力不足限电"],
    .orderlyUse: ["迎峰度夏有序用电"],
    .arrears: ["欠费停电"],
    .theft: ["窃电查处停电"],
    .violation: ["违约用电停电"],
  ]

  /// Storm days (month, day) of each year, when a year has one.
  static func stormDays(year: Int) -> [(Int, Int)] {
    switch year % 3 {
    case 0: return [(7, 14)]
    case 1: return [(8, 30)]
    default: return [(6, 21), (9, 3)]
    }
  }

  static func seed(_ app: Application, now: Date) async throws {
    let db = app.db
    let today = BusinessTime.civilDate(of: now)
    guard let first = CivilDate(year: today.year - 5, month: 1, day: 1) else { return }
    var random = Generator(state: 0x5EED_0F_2026)
    var records: [InterruptionRecord] = []
    for county in DemoSeed.counties {
      guard let countyUnit = try await OrgUnit.query(on: db).filter(\.$code == county.code).first() else { continue }
      let stations = try await OrgUnit.query(on: db).filter(\.$parent.$id == countyUnit.id).filter(\.$kind == .station).sort(\.$code).all()
      // REL-URBAN-RURAL: the district is urban; counties' own customers are the county towns
      // (urban), their stations rural.
      countyUnit.supplyArea = .urban
      try await countyUnit.save(on: db)
      for station in stations {
        station.supplyArea = county.code == "QH-CD" ? .urban : .rural
        try await station.save(on: db)
      }
      let units = [countyUnit] + stations
      var serial = 0
      func add(_ type: OutageType, unit: OrgUnit, start: Date, minutes: Int, customers: Int, cause: String? = nil) throws {
        serial += 1
        let year = BusinessTime.civilDate(of: start).year
        let text = cause ?? causes[type].map { $0[random.below($0.count)] } ?? ""
        records.append(
          InterruptionRecord(
            externalID: "\(county.code)-\(year)-\(String(format: "%05d", serial))", unitID: try unit.requireID(), type: type, cause: text,
            startAt: start, endAt: start + Double(minutes * 60), customers: customers, createdAt: now))
      }
      var day = first
      let perDay = 0.45 + 0.12 * Double(county.code.count % 3)
      while day < today {
        let summer = (6...9).contains(day.month)
        let chance = summer ? perDay * 1.6 : perDay * 0.8
        var events = 0
        var roll = random.unit()
        while roll < chance, events < 4 {
          events += 1
          roll = random.unit() * 1.8
        }
        for _ in 0..<events {
          let unit = units[random.below(units.count)]
          let start = BusinessTime.startOfDay(day) + Double(random.below(24 * 60) * 60)
          let kind = random.below(100)
          switch kind {
          case 0..<14:
            try add(
              .fault, unit: unit, start: start, minutes: random.between(1, 5), customers: random.between(300, 2500), cause: "重合闸成功（瞬时故障）")
          case 14..<60:
            let minutes = Int(40 + 160 * pow(random.unit(), 2))
            try add(.fault, unit: unit, start: start, minutes: minutes, customers: random.between(80, 1800))
          case 60..<82:
            let begin = BusinessTime.startOfDay(day) + Double((8 * 60 + random.below(120)) * 60)
            try add(.planned, unit: unit, start: begin, minutes: random.between(180, 480), customers: random.between(200, 1500))
          case 82..<91:
            try add(.temporary, unit: unit, start: start, minutes: random.between(30, 180), customers: random.between(50, 600))
          case 91..<94:
            try add(
              summer ? .orderlyUse : .overCapacity, unit: unit, start: start, minutes: random.between(60, 240),
              customers: random.between(200, 1200))
          case 94..<96:
            try add(.overCapacity, unit: unit, start: start, minutes: random.between(60, 180), customers: random.between(300, 1500))
          default:
            let kinds: [OutageType] = [.arrears, .theft, .violation]
            try add(kinds[random.below(3)], unit: unit, start: start, minutes: random.between(120, 1440), customers: random.between(1, 3))
          }
        }
        day = day.adding(days: 1)
      }
      // Storm days: many long faults at once.
      for year in first.year...today.year {
        for (month, dayOfMonth) in stormDays(year: year) {
          guard let storm = CivilDate(year: year, month: month, day: dayOfMonth), storm < today else { continue }
          for _ in 0..<random.between(18, 32) {
            let unit = units[random.below(units.count)]
            let start = BusinessTime.startOfDay(storm) + Double((random.below(14 * 60) + 6 * 60) * 60)
            try add(
              .fault, unit: unit, start: start, minutes: random.between(180, 900), customers: random.between(800, 4000),
              cause: "台风暴雨致线路倒杆断线")
          }
        }
      }
    }
    let all = records
    try await db.transaction { tx in
      var index = 0
      while index < all.count {
        try await Array(all[index..<min(all.count, index + 500)]).create(on: tx)
        index += 500
      }
    }
  }
}
