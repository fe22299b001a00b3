/// The State Council's published holiday schedules (国务院办公厅关于部分节假日安排的通知), shipped as
/// the calendar's default data; administrators add later years as they are published.
public enum StateCouncilSchedules {
  /// (first day, last day, kind, name) as published; ranges are inclusive.
  static let ranges: [(String, String, DayKind, String)] = [
    // 2025
    ("2025-01-01", "2025-01-01", .holiday, "元旦"),
    ("2025-01-28", "2025-02-04", .holiday, "春节"),
    ("2025-01-26", "2025-01-26", .workday, "春节调休上班"),
    ("2025-02-08", "2025-02-08", .workday, "春节调休上班"),
    ("2025-04-04", "2025-04-06", .holiday, "清明节"),
    ("2025-05-01", "2025-05-05", .holiday, "劳动节"),
    ("2025-04-27", "2025-04-27", .workday, "劳动节调休上班"),
    ("2025-05-31", "2025-06-02", .holiday, "端午节"),
    ("2025-10-01", "2025-10-08", .holiday, "国庆节、中秋节"),
    ("2025-09-28", "2025-09-28", .workday, "国庆节调休上班"),
    ("2025-10-11", "2025-10-11", .workday, "国庆节调休上班"),
    // 2026
    ("2026-01-01", "2026-01-03", .holiday, "元旦"),
    ("2026-01-04", "2026-01-04", .workday, "元旦调休上班"),
    ("2026-02-15", "2026-02-23", .holiday, "春节"),
    ("2026-02-14", "2026-02-14", .workday, "春节调休上班"),
    ("2026-02-28", "2026-02-28", .workday, "春节调休上班"),
    ("2026-04-04", "2026-04-06", .holiday, "清明节"),
    ("2026-05-01", "2026-05-05", .holiday, "劳动节"),
    ("2026-05-09", "2026-05-09", .workday, "劳动节调休上班"),
    ("2026-06-19", "2026-06-21", .holiday, "端午节"),
    ("2026-09-25", "2026-09-27", .holiday, "中秋节"),
    ("2026-10-01", "2026-10-07", .holiday, "国庆节"),
    ("2026-09-20", "2026-09-20", .workday, "国庆节调休上班"),
    ("2026-10-10", "2026-10-10", .workday, "国庆节调休上班"),
  ]

  public static let years: Set<Int> = [2025, 2026]

  /// Every day of every range, one override each.
  public static var overrides: [DayOverride] {
    ranges.flatMap { first, last, kind, name -> [DayOverride] in
      let start = CivilDate(iso: first)!
      let end = CivilDate(iso: last)!
      return (start.dayNumber...end.dayNumber).map {
        DayOverride(date: CivilDate(dayNumber: $0), kind: kind, name: name)
      }
    }
  }

  public static var calendar: WorkingCalendar {
    WorkingCalendar(coveredYears: years, overrides: overrides)
  }
}
