import NIOConcurrencyHelpers
import Vapor

/// What a feature adds to the frame of every signed-in page: a count beside one of its
/// navigation entries (the inbox's unread notices) or a notice above the content (next year's
/// holidays missing). Platform defines this and names no feature: each feature registers its
/// source in `configure` (`app.pageFrame.add`), and sources are asked only when a page is built.
protocol PageFrameSource: Sendable {
  func contribute(to frame: inout PageFrame, for actor: Actor, request: Request) async throws
}

/// The feature-supplied parts of a page's frame.
struct PageFrame: Sendable {
  /// A count shown on a navigation entry, by the entry's label key (`nav.inbox`).
  var badges: [String: Int] = [:]
  var banners: [Banner] = []

  /// A warning above the page's content, already in the reader's language, with an optional
  /// link to where it is fixed.
  struct Banner: Encodable, Sendable {
    let id: String
    let text: String
    var linkText: String? = nil
    var href: String? = nil
  }
}

extension Application {
  struct PageFrameSources: Sendable {
    fileprivate let box = NIOLockedValueBox<[any PageFrameSource]>([])

    func add(_ source: any PageFrameSource) { box.withLockedValue { $0.append(source) } }
    var all: [any PageFrameSource] { box.withLockedValue { $0 } }
  }

  private struct PageFrameSourcesKey: StorageKey {
    typealias Value = PageFrameSources
  }

  /// The registered sources; registered once, in `configure`.
  var pageFrame: PageFrameSources {
    if let sources = storage[PageFrameSourcesKey.self] { return sources }
    let sources = PageFrameSources()
    storage[PageFrameSourcesKey.self] = sources
    return sources
  }
}

extension Request {
  /// The frame for the signed-in person, from every registered source; empty when signed out.
  func pageFrame() async throws -> PageFrame {
    var frame = PageFrame()
    guard let actor = storage[ActorKey.self] else { return frame }
    for source in application.pageFrame.all {
      try await source.contribute(to: &frame, for: actor, request: self)
    }
    return frame
  }
}
