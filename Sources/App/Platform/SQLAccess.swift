import FluentKit
import SQLKit
import Vapor

/// Wanjia runs on SQL databases only (SQLite, PostgreSQL). `configure` checks that once at
/// start-up (`requireSQL`), so code that needs SQL reaches it here, without a fallback that
/// would never run.
extension Database {
  var sql: any SQLDatabase {
    guard let sql = self as? any SQLDatabase else { preconditionFailure("configure admits only SQL databases") }
    return sql
  }
}

extension Application {
  /// A database that does not speak SQL is a start-up error, named.
  func requireSQL() throws {
    guard db is any SQLDatabase else {
      throw CommandFailure("the configured database (\(type(of: db))) does not speak SQL; Wanjia needs SQLite or PostgreSQL")
    }
  }
}
