import Crypto
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Work-order attachments")
struct AttachmentTests {
  func upload(_ app: Application, _ orderID: UUID, name: String, bytes: [UInt8], token: String?) async throws -> TestingHTTPResponse {
    var result: TestingHTTPResponse?
    let query = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
    try await app.testing().test(
      .POST, Paths.apiWorkOrderAttachments.link(orderID) + "?fileName=\(query)",
      beforeRequest: { req in
        if let token { req.headers.bearerAuthorization = .init(token: token) }
        req.headers.contentType = .binary
        req.body = ByteBuffer(bytes: bytes)
      }, afterResponse: { res async throws in result = res })
    return try #require(result)
  }

  @Test("Rule WO-ATTACHMENTS: an attachment is kept in the data folder under its checksum; over 20 MB or a forbidden type is refused")
  func attachments() async throws {
    try await withApp { app in
      // Setup: the work-order loop and a complaint filed by the agent
      let loop = try await WorkOrderLoop.make(app)
      let order = try loop.decode(try await app.api(.POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint()))
      // Act: upload a PNG as the agent
      let res = try await upload(app, order.id, name: "现场照片.png", bytes: SampleFiles.png, token: loop.tokens["agent"])
      // Check: created and stored in the data folder under its checksum
      #expect(res.status == .created, "\(res.body.string)")
      let sha = SHA256.hash(data: Data(SampleFiles.png)).map { String(format: "%02x", $0) }.joined()
      #expect(res.body.string.contains(sha))
      let stored = app.config.dataDirectory + "/attachments/\(sha.prefix(2))/\(sha)"
      #expect(FileManager.default.contents(atPath: stored) == Data(SampleFiles.png))

      // Act: list and download it as handlerA, then as handlerB
      let list = try await app.api(.GET, Paths.apiWorkOrderAttachments.link(order.id), token: loop.tokens["handlerA"])
      // Check: listed and downloaded as PNG; the other county is forbidden
      #expect(list.status == .ok && list.body.string.contains("现场照片.png"))
      let id = try #require(try await WorkOrderAttachment.query(on: app.db).first()?.id)
      let download = try await app.api(.GET, Paths.apiWorkOrderAttachment.link(order.id, id), token: loop.tokens["handlerA"])
      #expect(download.status == .ok && Array(download.body.readableBytesView) == SampleFiles.png)
      #expect(download.headers.contentType?.description == "image/png")
      // Another county's handler cannot see the order, its files included.
      #expect(
        try await app.api(.GET, Paths.apiWorkOrderAttachment.link(order.id, id), token: loop.tokens["handlerB"]).status == .forbidden)

      // Act: upload an exe, a fake PNG and a file over 20 MB
      let exe = try await upload(app, order.id, name: "setup.exe", bytes: [0x4D, 0x5A, 0x90], token: loop.tokens["agent"])
      // Check: each is a 422 on file, nothing more saved or audited
      #expect(exe.status == .unprocessableEntity && exe.apiError?.field == "file")
      let fake = try await upload(app, order.id, name: "photo.png", bytes: [0x4D, 0x5A, 0x90], token: loop.tokens["agent"])
      #expect(fake.status == .unprocessableEntity && fake.apiError?.field == "file")
      let big = try await upload(
        app, order.id, name: "big.png", bytes: SampleFiles.png + Array(repeating: 0, count: 20 * 1024 * 1024), token: loop.tokens["agent"])
      #expect(big.status == .unprocessableEntity && big.apiError?.message.contains("20") == true)
      #expect(try await WorkOrderAttachment.query(on: app.db).count() == 1)
      #expect(try await AuditRecord.query(on: app.db).filter(\.$entity == .workOrderAttachment).count() == 1)

      // Act: open the order page as handlerA
      let page = PageClient(app)
      try await page.login("handlerA")
      let show = try await page.get(Paths.workOrder.link(order.id))
      // Check: the attachment is shown with its checksum
      #expect(show.body.string.contains("现场照片.png") && show.body.string.contains(String(sha.prefix(12))))
    }
  }
}
