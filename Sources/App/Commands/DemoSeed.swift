import ConsoleKit
import Domain
import Fluent
import Vapor

/// The demo company that `wanjia demo` creates on an empty database, so that a newcomer sees
/// every feature working. Each feature adds its own realistic data here.
enum DemoSeed {
  struct Login {
    let username: String
    let role: Role
    let unitName: String
  }

  static let counties: [(code: String, name: String, stations: [String])] = [
    ("QH-CD", "城东区供电公司", ["东关供电所", "新华供电所", "滨江供电所"]),
    ("QH-LC", "临川县供电公司", ["城关供电所", "石桥供电所", "柳溪供电所"]),
    ("QH-BS", "白石县供电公司", ["白石供电所", "龙潭供电所", "高坪供电所"]),
    ("QH-QX", "青溪县供电公司", ["青溪供电所", "马鞍供电所", "云岭供电所"]),
  ]

  /// Display names for the demo users, one per role.
  static let people: [Role: String] = [
    .admin: "系统管理员", .agent: "王丽（95598坐席）", .lead: "陈静（坐席班长）", .handler: "李强（基层处理人）",
    .reviewer: "赵敏（营销部审核）", .staff: "孙伟（部门专责）", .analyst: "周洁（满意度分析）",
    .surveyor: "吴涛（访员）", .leader: "郑国华（分管领导）",
    .hr: "钱芳（人力资源部）", .inspector: "钱明（营销部检查）",
  ]

  /// Creates the demo company and users when the database has no units yet; returns the logins,
  /// or nil when there was data already.
  static func seedIfEmpty(_ app: Application) async throws -> (logins: [Login], password: String)? {
    let db = app.db
    guard try await OrgUnit.query(on: db).count() == 0 else { return nil }
    let policy = app.passwordPolicy
    func checkedDemoPassword(_ password: String) throws -> String {
      var errors = FieldErrors()
      for role in Role.allCases {
        _ = app.credentials.check(password, username: role.rawValue, field: "WANJIA_DEMO_PASSWORD", into: &errors)
      }
      guard let first = errors.messages.first else { return password }
      throw CommandFailure("WANJIA_DEMO_PASSWORD: " + app.localizer.text(first.key, locale: "en", args: first.args))
    }
    let password = try app.config.demoPassword.map(checkedDemoPassword) ?? randomPassword(policy: policy)
    let hash = try await app.credentials.hash(password)
    let now = app.clock.now()
    let logins: [Login] = try await db.transaction { tx in
      var logins: [Login] = []
      let company = OrgUnit(code: "PROV", name: "示范省电力有限公司", kind: .company, parent: nil)
      try await company.create(on: tx)
      let city = OrgUnit(code: "QH", name: "清河市供电公司", kind: .city, parent: company)
      try await city.create(on: tx)
      var firstCounty = city
      for (index, county) in counties.enumerated() {
        let unit = OrgUnit(code: county.code, name: county.name, kind: .county, parent: city)
        unit.customerCount = 25_000
        unit.dutyPhone = "0571-8\(county.code.count)65\(county.stations.count)598"
        try await unit.create(on: tx)
        if index == 0 { firstCounty = unit }
        for (n, station) in county.stations.enumerated() {
          let code = "\(county.code)-S\(n + 1)"
          let stationUnit = OrgUnit(
            code: code, name: county.name.replacingOccurrences(of: "供电公司", with: "") + station, kind: .station, parent: unit)
          stationUnit.customerCount = 18_000 + 4_000 * n + county.code.count * 500
          try await stationUnit.create(on: tx)
          if n == 0 {
            try await OrgUnit(code: code + "-H", name: stationUnit.name + "营业厅", kind: .hall, parent: stationUnit).create(on: tx)
          }
        }
      }
      for role in Role.allCases {
        let unit = role == .handler ? firstCounty : city
        let user = User(
          username: role.rawValue, displayName: people[role] ?? role.rawValue, passwordHash: hash, roles: [role],
          unitID: try unit.requireID())
        try await user.create(on: tx)
        try await AuditLog.record(
          .create, entity: .user, id: user.requireID().uuidString, actor: nil, before: NoSnapshot?.none,
          after: UserDTO(user, unit: unit, now: now),
          on: tx, at: now)
        logins.append(Login(username: role.rawValue, role: role, unitName: unit.name))
      }
      return logins
    }
    _ = try await DemoWorkOrders.seed(app, now: now)
    try await DemoAccountability.seed(app, now: now)
    try await DemoSurveys.seed(app, now: now)
    try await DemoAnalysis.seed(app, now: now)
    try await DemoInspections.seed(app, now: now)
    try await DemoScorecards.seed(app, now: now)
    try await DemoReliability.seed(app, now: now)
    try await DemoOutages.seed(app, now: now)
    try await DemoCommitments.seed(app, now: now)
    return (logins, password)
  }

  /// A demo user as the actor the demo's records are made by.
  static func actor(_ username: String, on db: any Database) async throws -> Actor? {
    guard let user = try await User.query(on: db).filter(\.$username == username).first() else { return nil }
    return try await ActorLoader.load(userID: user.requireID(), on: db)
  }

  static func printLogins(_ result: (logins: [Login], password: String), to console: any Console) {
    console.output("万家 Wanjia demo — logins (shown once):".consoleText(.info))
    for login in result.logins {
      let line = login.username.padding(toLength: 10, withPad: " ", startingAt: 0) + login.unitName
      console.output(line.consoleText())
    }
    console.output("Password for every demo user: \(result.password)".consoleText(.info))
  }

  /// WANJIA_DEMO_PASSWORD meets the password policy for every demo user, or the demo does not start.
  static func demoPasswordProblem(_ password: String, policy: PasswordPolicy) -> PasswordPolicy.Problem? {
    Role.allCases.lazy.compactMap { policy.problem(password: password, username: $0.rawValue) }.first
  }

  /// A random password that meets the policy for every demo user (one containing a username is
  /// drawn again).
  static func randomPassword(policy: PasswordPolicy = PasswordPolicy()) -> String {
    let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
    var rng = SystemRandomNumberGenerator()
    while true {
      let password = String((0..<14).compactMap { _ in alphabet.randomElement(using: &rng) })
      if demoPasswordProblem(password, policy: policy) == nil { return password }
    }
  }
}
