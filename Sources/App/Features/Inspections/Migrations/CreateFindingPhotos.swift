import Fluent

struct CreateFindingPhotos: AsyncMigration {
  func prepare(on database: any Database) async throws {
    try await database.schema(FindingPhoto.schema)
      .id()
      .field("file_name", .string, .required)
      .field("content_type", .string, .required)
      .field("size", .int, .required)
      .field("sha256", .string, .required)
      .field("storage_path", .string, .required)
      .field("uploaded_by", .string, .required)
      .field("uploaded_at", .datetime, .required)
      .field("finding_id", .uuid, .required, .references(InspectionFinding.schema, "id"))
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema(FindingPhoto.schema).delete()
  }
}
