import Vapor

/// The API's envelope for a list: `{"items": [...]}`.
struct ListResponse<Item: Content>: Content {
  let items: [Item]
}
