import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Each upload form's limit is named the same way beside its file field (before upload) and on
/// the page for a body over the route's limit.
@Suite("Upload limits")
struct UploadLimitTests {
  @Test("A body over an upload route's limit is named with the form's own file limit")
  func sameLimitEverywhere() {
    // Setup: every upload form
    // Act: make the too-large error for its route and for its field
    for form in UploadLimits.Form.allCases {
      let page = AppError.tooLarge(limitBytes: form.collected.value)
      let field = AppError.tooLarge(limitBytes: form.bytes)
      // Check: the same limit named, the route's limit larger; attachments 20 MB
      #expect(page.args == field.args, "\(form)")
      #expect(page.args == [String(form.bytes / (1024 * 1024))], "\(form)")
      #expect(form.collected.value > form.bytes)
    }
    #expect(UploadLimits.Form.attachment.bytes == 20 * 1024 * 1024)
  }

  @Test("The order page's file field carries the 20 MB limit and its message for the size check")
  func attachmentField() async throws {
    try await withApp { app in
      // Setup: the work-order loop and a filed complaint
      let loop = try await WorkOrderLoop.make(app)
      let order = try loop.decode(try await app.api(.POST, Paths.apiWorkOrders.link(), token: loop.tokens["agent"], json: loop.complaint()))
      // Act: open the order page as the agent
      let agent = PageClient(app)
      try await agent.login("agent")
      let html = try await agent.get(Paths.workOrder.link(order.id)).body.string
      // Check: the file field carries 20 MB and its message, with the script
      #expect(html.contains("data-max-bytes=\"20971520\" data-too-large=\"文件过大（上限 20 MB）。\""))
      #expect(html.contains("<script src=\"/js/upload-limit.js\"></script>"))
    }
  }
}
