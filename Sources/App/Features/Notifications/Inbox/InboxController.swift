import Fluent
import Vapor

struct InboxPage: Encodable {
  struct Item: Encodable {
    let message: String
    let at: String
    let link: String
    let unread: Bool
    let kind: NoticeKind
    let readAction: String
  }
  let chrome: Chrome
  let items: [Item]
  let hasItems: Bool
  let readAllAction: String
}

struct InboxItemDTO: Content {
  let id: UUID
  let kind: NoticeKind
  let message: String
  let link: String
  let createdAt: Date
  let readAt: Date?
}

/// The signed-in person's inbox: newest first, unread marked; opening an item marks it read.
enum InboxController {
  static let shown = 100
  static let unreadParameter = QueryParameter<Bool>.boolean("unread")

  static func registerPages(_ pages: any RoutesBuilder) {
    pages.get(Paths.inbox.components, use: show)
    pages.post(Paths.inboxRead.components, use: open)
    pages.post(Paths.inboxReadAll.components, use: readAll)
  }

  static func registerAPI(_ api: any RoutesBuilder) {
    api.get(Paths.apiNotifications.components, use: list).query(unreadParameter)
    api.post(Paths.apiNotificationRead.components, use: markRead)
  }

  static func items(for actor: Actor, unreadOnly: Bool, on db: any Database) async throws -> [InboxNotification] {
    let query = InboxNotification.query(on: db).filter(\.$user.$id == actor.userID)
    if unreadOnly { query.filter(\.$readAt == nil) }
    return try await query.sort(\.$createdAt, .descending).limit(shown).all()
  }

  static func message(_ item: InboxNotification, _ req: Request) -> String {
    let l = req.application.localizer
    return l.text(item.messageKey, locale: req.locale, args: item.args.map { l.text($0, locale: req.locale) })
  }

  @Sendable static func show(req: Request) async throws -> Response {
    let actor = try req.actor
    let items = try await items(for: actor, unreadOnly: false, on: req.db)
    let page = InboxPage(
      chrome: try await .make(for: req, titleKey: "inbox.title"),
      items: try items.map {
        .init(
          message: message($0, req), at: DisplayFormat.dateTime($0.createdAt), link: $0.link, unread: $0.readAt == nil,
          kind: $0.kind, readAction: Paths.inboxRead.link(try $0.requireID()))
      }, hasItems: !items.isEmpty, readAllAction: Paths.inboxReadAll.link())
    return try await req.page("inbox", page)
  }

  static func find(_ req: Request, actor: Actor) async throws -> InboxNotification {
    let id = try req.uuidParameter("notificationID", entity: "entity.notification")
    guard let item = try await InboxNotification.find(id, on: req.db), item.$user.id == actor.userID else {
      throw AppError.notFound("entity.notification")
    }
    return item
  }

  /// Marks the item read and goes to what it is about.
  @Sendable static func open(req: Request) async throws -> Response {
    let actor = try req.actor
    let item = try await find(req, actor: actor)
    if item.readAt == nil {
      item.readAt = req.now
      try await item.save(on: req.db)
    }
    return req.redirect(to: item.link)
  }

  @Sendable static func readAll(req: Request) async throws -> Response {
    let actor = try req.actor
    try await InboxNotification.query(on: req.db).filter(\.$user.$id == actor.userID).filter(\.$readAt == nil)
      .set(\.$readAt, to: req.now).update()
    return req.redirect(to: Paths.inbox.link())
  }

  @Sendable static func list(req: Request) async throws -> [InboxItemDTO] {
    let actor = try req.actor
    let unread = try req.query(unreadParameter) ?? false
    return try await items(for: actor, unreadOnly: unread, on: req.db).map {
      InboxItemDTO(
        id: try $0.requireID(), kind: $0.kind, message: message($0, req), link: $0.link, createdAt: $0.createdAt, readAt: $0.readAt)
    }
  }

  @Sendable static func markRead(req: Request) async throws -> HTTPStatus {
    let actor = try req.actor
    let item = try await find(req, actor: actor)
    if item.readAt == nil {
      item.readAt = req.now
      try await item.save(on: req.db)
    }
    return .noContent
  }
}
