import Domain
import Fluent
import Vapor

struct CalendarPage: Encodable {
  struct Day: Encodable {
    let date: String
    let weekdayKey: String
    let kindKey: String
    let isHoliday: Bool
    let name: String
    let deleteAction: String
  }
  struct Year: Encodable {
    let year: Int
    let href: String
    let selected: Bool
  }
  struct ImportLine: Encodable {
    let line: Int
    let message: String
  }
  let chrome: Chrome
  let years: [Year]
  let year: Int?
  let days: [Day]
  let dayAction: String
  let yearAction: String
  let importAction: String
  let values: [String: String]
  let errors: [String: String]
  let importLines: [ImportLine]
  let notice: String?
}

/// The admin page for the working-day calendar.
enum CalendarPagesController {
  static let yearParameter = QueryParameter<Int>.integer("year", Limits.years)

  static func register(_ pages: any RoutesBuilder) {
    pages.get(Paths.calendar.components, use: show).query(yearParameter)
    pages.post(Paths.calendarYear.components, use: addYear)
    pages.post(Paths.calendarDay.components, use: putDay)
    pages.post(Paths.calendarDayDelete.components, use: deleteDay)
    pages.post(Paths.calendarImport, bodyLimit: UploadLimits.Form.calendar.collected, use: importCSV)
  }

  struct DayForm: Content {
    var date: String?
    var kind: String?
    var name: String?
  }
  struct YearForm: Content {
    var year: String?
  }
  struct ImportForm: Content {
    var file: File?
  }

  static func render(
    _ req: Request, year requested: Int?, values: [String: String] = [:], errors: FieldErrors = .init(),
    importLines: [ImportFailure.Line] = [], notice: String? = nil, status: HTTPStatus = .ok
  ) async throws -> Response {
    try req.actor.require(.admin)
    let years = try await CalendarYear.query(on: req.db).sort(\.$year).all().map(\.year)
    let current = BusinessTime.civilDate(of: req.now).year
    let year = requested ?? (years.contains(current) ? current : years.last)
    var days: [CalendarPage.Day] = []
    if let year {
      days = try await CalendarDay.query(on: req.db).filter(\.$year == year).sort(\.$date).all().map { try $0.override }.map {
        CalendarPage.Day(
          date: $0.date.description, weekdayKey: "weekday.\($0.date.isoWeekday)", kindKey: "calendar.kind.\($0.kind.rawValue)",
          isHoliday: $0.kind == .holiday, name: $0.name, deleteAction: Paths.calendarDayDelete.link($0.date.description))
      }
    }
    let localizer = req.application.localizer
    let page = CalendarPage(
      chrome: try await .make(for: req, titleKey: "calendar.title"),
      years: years.map { .init(year: $0, href: Paths.calendar.link() + "?year=\($0)", selected: $0 == year) },
      year: year, days: days, dayAction: Paths.calendarDay.link(), yearAction: Paths.calendarYear.link(),
      importAction: Paths.calendarImport.link(), values: values,
      errors: errors.localized(localizer, req.locale),
      importLines: importLines.map { .init(line: $0.line, message: localizer.text($0.key, locale: req.locale, args: $0.args)) },
      notice: notice)
    return try await req.page("calendar", page, status: status)
  }

  @Sendable static func show(req: Request) async throws -> Response {
    try await render(req, year: try req.query(yearParameter))
  }

  @Sendable static func addYear(req: Request) async throws -> Response {
    let form = try req.content.decode(YearForm.self)
    guard let year = Int(form.year ?? "") else {
      var errors = FieldErrors()
      errors.add("year", "validation.integer")
      return try await render(req, year: nil, values: ["year": form.year ?? ""], errors: errors, status: .unprocessableEntity)
    }
    return try await req.submitForm {
      try await CalendarService.addYear(year, actor: try req.actor, on: req.db, now: req.now)
      if let first = CivilDate(year: year, month: 1, day: 1) {
        try await req.application.calendarObservers.changed(from: first, on: req.db, now: req.now)
      }
      return req.redirect(to: Paths.calendar.link() + "?year=\(year)")
    } showAgain: { errors, status in
      try await render(req, year: nil, values: ["year": form.year ?? ""], errors: errors, status: status)
    }
  }

  @Sendable static func putDay(req: Request) async throws -> Response {
    let form = try req.content.decode(DayForm.self)
    let values = ["date": form.date ?? "", "kind": form.kind ?? "", "name": form.name ?? ""]
    return try await req.submitForm {
      let day = try await CalendarService.putDay(
        date: form.date ?? "", kind: form.kind, name: form.name, actor: try req.actor, on: req.db, now: req.now)
      try await req.application.calendarObservers.changed(from: day.date, on: req.db, now: req.now)
      return req.redirect(to: Paths.calendar.link() + "?year=\(day.date.year)")
    } showAgain: { errors, status in
      try await render(req, year: nil, values: values, errors: errors, status: status)
    }
  }

  struct DeleteForm: Content {
    var confirm: String?
  }

  /// Deleting a day changes every time limit that crosses it: the box must be ticked.
  @Sendable static func deleteDay(req: Request) async throws -> Response {
    let date = req.parameters.get("date") ?? ""
    let year = CivilDate(iso: date)?.year
    let confirm = try req.content.decode(DeleteForm.self).confirm
    return try await req.submitForm {
      try FormConfirmation.require(confirm)
      try await CalendarService.deleteDay(date: date, actor: try req.actor, on: req.db, now: req.now)
      if let day = CivilDate(iso: date) { try await req.application.calendarObservers.changed(from: day, on: req.db, now: req.now) }
      return req.redirect(to: Paths.calendar.link() + "?year=\(year ?? 0)")
    } showAgain: { errors, status in
      try await render(req, year: year, errors: errors, status: status)
    }
  }

  @Sendable static func importCSV(req: Request) async throws -> Response {
    let form = try req.content.decode(ImportForm.self)
    guard let file = form.file, file.data.readableBytes > 0,
      let text = file.data.getString(at: file.data.readerIndex, length: file.data.readableBytes)
    else {
      return try await render(
        req, year: nil, importLines: [.init(line: 1, field: "file", key: "import.error.empty", args: [])], status: .unprocessableEntity)
    }
    do {
      let result = try await CalendarService.importCSV(text, actor: try req.actor, on: req.db, now: req.now)
      if let first = result.years.first.flatMap({ CivilDate(year: $0, month: 1, day: 1) }) {
        try await req.application.calendarObservers.changed(from: first, on: req.db, now: req.now)
      }
      let notice = req.t("calendar.import.done", String(result.days), result.years.map(String.init).joined(separator: ", "))
      return try await render(req, year: result.years.first, notice: notice)
    } catch let failure as ImportFailure {
      return try await render(req, year: nil, importLines: failure.lines, status: .unprocessableEntity)
    } catch let error as AppError where !error.lines.isEmpty {
      return try await render(req, year: nil, importLines: error.lines, status: error.status)
    }
  }
}
