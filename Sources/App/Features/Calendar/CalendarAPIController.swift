import Domain
import Fluent
import Vapor

struct DayDTO: Content {
  let date: String
  let kind: String
  let name: String

  init(_ o: DayOverride) {
    date = o.date.description
    kind = o.kind.rawValue
    name = o.name
  }
}

struct DeadlineResponse: Content {
  let deadline: String
  /// Past the calendar's last year: weekends only until that year's holidays are imported.
  let provisional: Bool
}

/// `/api/v1/calendar`: deadlines for other systems, and schedule maintenance for admins.
enum CalendarAPIController {
  static func register(_ api: any RoutesBuilder) {
    api.get(Paths.apiCalendarDeadline.components, use: deadline).query(fromParameter, workingDaysParameter, minutesParameter)
    api.get(Paths.apiCalendarYears.components, use: years)
    api.post(Paths.apiCalendarYears.components, use: addYear)
    api.get(Paths.apiCalendarDays.components, use: days).query(CalendarPagesController.yearParameter)
    api.put(Paths.apiCalendarDay.components, use: putDay)
    api.delete(Paths.apiCalendarDay.components, use: deleteDay)
    api.post(Paths.apiCalendarImport.components, use: importCSV)
  }

  static let fromParameter = QueryParameter<Date>.instant("from")
  static let workingDaysParameter = QueryParameter<Int>.integer("workingDays", 0...WorkingCalendar.maxWorkingDays)
  static let minutesParameter = QueryParameter<Int>.integer("minutes", 0...WorkingCalendar.maxWorkingDays * 24 * 60)

  /// `from` (ISO 8601) plus `workingDays=N` or `minutes=N`.
  @Sendable static func deadline(req: Request) async throws -> DeadlineResponse {
    _ = try req.actor
    guard let from = try req.query(fromParameter) else { throw AppError.invalid("from", "validation.required") }
    let result: Date
    var provisional = false
    switch (try req.query(workingDaysParameter), try req.query(minutesParameter)) {
    case (let n?, nil):
      let calendar = try await WorkingCalendar.load(on: req.db)
      result = try calendar.deadline(from: from, workingDays: n)
      provisional = calendar.isProvisional(from: from, to: result)
    case (nil, let n?):
      do {
        result = try WorkingCalendar.deadline(from: from, minutes: n)
      } catch CalendarError.negativeDuration {
        throw AppError.invalid("minutes", "calendar.error.negative")
      } catch CalendarError.durationTooLong {
        throw AppError.invalid("minutes", "calendar.error.too_long", String(n))
      }
    default:
      throw AppError.invalid("workingDays", "calendar.error.one_duration")
    }
    return DeadlineResponse(deadline: BusinessTime.iso8601(result), provisional: provisional)
  }

  struct YearsResponse: Content { let items: [Int] }
  struct YearRequest: Content { let year: Int }
  struct DayRequest: Content {
    let kind: String
    let name: String
  }

  @Sendable static func years(req: Request) async throws -> YearsResponse {
    _ = try req.actor
    return YearsResponse(items: try await CalendarYear.query(on: req.db).sort(\.$year).all().map(\.year))
  }

  @Sendable static func addYear(req: Request) async throws -> Response {
    try req.actor.require(.admin)
    let body = try req.content.decode(YearRequest.self)
    try await CalendarService.addYear(body.year, actor: try req.actor, on: req.db, now: req.now)
    if let first = CivilDate(year: body.year, month: 1, day: 1) {
      try await req.application.calendarObservers.changed(from: first, on: req.db, now: req.now)
    }
    return try await YearsResponse(items: [body.year]).encodeResponse(status: .created, for: req)
  }

  @Sendable static func days(req: Request) async throws -> ListResponse<DayDTO> {
    _ = try req.actor
    let query = CalendarDay.query(on: req.db).sort(\.$date)
    if let year = try req.query(CalendarPagesController.yearParameter) {
      query.filter(\.$year == year)
    }
    return ListResponse(items: try await query.all().map { try $0.override }.map(DayDTO.init))
  }

  @Sendable static func putDay(req: Request) async throws -> DayDTO {
    try req.actor.require(.admin)
    let body = try req.content.decode(DayRequest.self)
    let day = try await CalendarService.putDay(
      date: req.parameters.get("date") ?? "", kind: body.kind, name: body.name, actor: try req.actor, on: req.db, now: req.now)
    try await req.application.calendarObservers.changed(from: day.date, on: req.db, now: req.now)
    return DayDTO(day)
  }

  @Sendable static func deleteDay(req: Request) async throws -> HTTPStatus {
    let date = req.parameters.get("date") ?? ""
    try await CalendarService.deleteDay(date: date, actor: try req.actor, on: req.db, now: req.now)
    if let day = CivilDate(iso: date) { try await req.application.calendarObservers.changed(from: day, on: req.db, now: req.now) }
    return .noContent
  }

  /// The CSV file as the request body (text/csv).
  @Sendable static func importCSV(req: Request) async throws -> CalendarService.ImportResult {
    try req.actor.require(.admin)
    guard let buffer = req.body.data, let text = buffer.getString(at: buffer.readerIndex, length: buffer.readableBytes) else {
      throw AppError.invalid("file", "import.error.empty")
    }
    let result = try await CalendarService.importCSV(text, actor: try req.actor, on: req.db, now: req.now)
    if let first = result.years.first.flatMap({ CivilDate(year: $0, month: 1, day: 1) }) {
      try await req.application.calendarObservers.changed(from: first, on: req.db, now: req.now)
    }
    return result
  }
}
