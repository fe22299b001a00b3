/// Conversions between cell values and the text SpreadsheetML stores.
enum CellValues {
  /// Largest magnitude written and read as a plain integer; beyond it doubles lose integer precision anyway.
  static let integralLimit = 1e15

  /// Shortest text that parses back to the same double, without locale separators; integral values carry no ".0" so
  /// that phone-like numbers survive (13800138000, not 1.3800138E10).
  static func numberText(_ value: Double) -> String {
    if value.rounded() == value, abs(value) < integralLimit {
      return String(Int64(value))
    }
    return value.description.uppercased()
  }

  /// Normalises a number as stored in the XML: integral values are printed as integers, anything else is returned
  /// exactly as written.
  static func normalisedNumber(_ raw: String) -> String {
    guard let value = Double(raw), value.isFinite, value.rounded() == value, abs(value) < integralLimit else {
      return raw
    }
    return String(Int64(value))
  }

  /// Excel serial number (1900 date system) for a valid calendar date, or nil when the date is invalid.
  /// Serial 60 is Excel's phantom 1900-02-29, so dates from March 1900 on count from 1899-12-30.
  static func serial(year: Int, month: Int, day: Int) -> Int? {
    guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
    let days = daysFromCivil(year: year, month: month, day: day) - daysFromCivil(year: 1899, month: 12, day: 30)
    return days < 61 ? days - 1 : days
  }

  /// Whether Excel can show the date at all (1900-01-01 through 9999-12-31).
  static func isInExcelRange(year: Int) -> Bool {
    (1900...9999).contains(year)
  }

  static func isoText(year: Int, month: Int, day: Int) -> String {
    func pad(_ value: Int, _ width: Int) -> String {
      let digits = String(abs(value))
      return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm, no Calendar or time zone).
  private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }
}
