import CSV
import Domain
import Foundation
import Vapor

/// CSV of any order list, as the queue shows it (same filters and scope, phones masked), with a
/// byte-order mark so that Excel opens the Chinese text correctly.
enum WorkOrderExport {
  static func csv(_ orders: [WorkOrder], unitNames: [UUID: String], actor: Actor, localizer: Localizer, locale: String) throws -> Data {
    let stream = OutputStream(toMemory: ())
    stream.open()
    let writer = try CSVWriter(stream: stream)
    let columns = ["number", "type", "state", "customerName", "customerPhone", "unitId", "acceptedAt", "item", "content"]
    try writer.write(row: columns.map { localizer.text("workorder.field.\($0)", locale: locale) })
    for order in orders {
      let hidden = order.orderType == .report && actor.roles.isDisjoint(with: WorkOrderPresenter.reporterIdentityRoles)
      try writer.write(row: [
        order.number,
        localizer.text("workorder.type.\(order.type)", locale: locale),
        localizer.text("workorder.state.\(order.state)", locale: locale),
        hidden ? "***" : order.customerName,
        hidden ? "***" : WorkOrderPresenter.maskPhone(order.customerPhone),
        unitNames[order.$unit.id] ?? "",
        DisplayFormat.dateTime(order.acceptedAt),
        order.itemCode ?? "",
        order.content,
      ])
    }
    writer.stream.close()
    let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
    return Data([0xEF, 0xBB, 0xBF]) + data
  }
}
