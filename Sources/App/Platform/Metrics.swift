import Metrics
import Prometheus
import Vapor

/// Prometheus metrics. Vapor itself records `http_requests_total` and
/// `http_request_duration_seconds` by method, route pattern and status through swift-metrics;
/// the factory is bootstrapped once per process because swift-metrics allows only one.
enum WanjiaMetrics {
  static let registry: PrometheusCollectorRegistry = {
    let registry = PrometheusCollectorRegistry()
    var factory = PrometheusMetricsFactory(registry: registry)
    factory.defaultDurationHistogramBuckets = [
      .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
      .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
      .milliseconds(2500), .seconds(5), .seconds(10),
    ]
    MetricsSystem.bootstrap(factory)
    return registry
  }()

  static func bootstrapOnce() { _ = registry }

  static func exposition() -> String {
    var buffer: [UInt8] = []
    registry.emit(into: &buffer)
    return String(decoding: buffer, as: UTF8.self)
  }
}
