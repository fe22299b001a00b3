import Testing

@testable import Domain

@Suite("Work-order attachments")
struct AttachmentPolicyTests {
  let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]

  @Test("Rule WO-ATTACHMENTS: at most 20 MB; document, image and recording types only, content matching the name")
  func policy() {
    let policy = AttachmentPolicy.standard
    #expect(policy.maxBytes == 20 * 1024 * 1024)
    #expect(policy.check(fileName: "现场照片.PNG", bytes: png) == .success("image/png"))
    #expect(policy.check(fileName: "回复函.pdf", bytes: Array("%PDF-1.7\n".utf8)) == .success("application/pdf"))
    #expect(policy.check(fileName: "说明.txt", bytes: Array("客户已签字确认".utf8)) == .success("text/plain"))
    #expect(policy.check(fileName: "录音.amr", bytes: Array("#!AMR\n".utf8)) == .success("audio/amr"))
    #expect(policy.check(fileName: "setup.exe", bytes: [0x4D, 0x5A]) == .failure(.typeNotAllowed(extension: "exe")))
    #expect(policy.check(fileName: "noextension", bytes: png) == .failure(.typeNotAllowed(extension: "")))
    #expect(policy.check(fileName: "photo.png", bytes: [0x4D, 0x5A, 0x90]) == .failure(.contentMismatch(extension: "png")))
    #expect(policy.check(fileName: "notes.txt", bytes: [0x41, 0x00, 0x42]) == .failure(.contentMismatch(extension: "txt")))
    #expect(policy.check(fileName: "empty.pdf", bytes: []) == .failure(.empty))
    let small = AttachmentPolicy(maxBytes: 10)
    #expect(small.check(fileName: "a.png", bytes: png + [0]) == .failure(.tooLarge(maxBytes: 10)))
  }
}
