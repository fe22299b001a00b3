import Domain
import Foundation
import Vapor

/// CSV of any order list, as the queue shows it (same filters and scope, phones masked).
enum WorkOrderExport {
  /// The exported columns and rows; reporters' identity hidden from roles not cleared for it.
  static func table(
    _ orders: [WorkOrder], unitNames: [UUID: String], actor: Actor, localizer: Localizer, locale: String
  ) -> (header: [String], rows: [[String]]) {
    let columns = ["number", "type", "state", "customerName", "customerPhone", "unitId", "acceptedAt", "item", "content"]
    let rows = orders.map { order -> [String] in
      let hidden = ReportSecrecy.hidesCustomer(of: order, from: actor)
      return [
        order.number,
        localizer.text("workorder.type.\(order.type.rawValue)", locale: locale),
        localizer.text("workorder.state.\(order.state.rawValue)", locale: locale),
        hidden ? "***" : order.customerName,
        hidden ? "***" : DisplayFormat.maskedPhone(order.customerPhone),
        unitNames[order.$unit.id] ?? "",
        DisplayFormat.dateTime(order.acceptedAt),
        WorkOrderPresenter.itemName(order, locale: locale) ?? "",
        order.content,
      ]
    }
    return (columns.map { localizer.text("workorder.field.\($0)", locale: locale) }, rows)
  }

  /// Every column is text (order numbers, names, times), written through the one CSV writer.
  static func csv(_ orders: [WorkOrder], unitNames: [UUID: String], actor: Actor, localizer: Localizer, locale: String) -> Data {
    let table = table(orders, unitNames: unitNames, actor: actor, localizer: localizer, locale: locale)
    return CSVExport.data(header: table.header, rows: table.rows.map { $0.map(CSVExport.Cell.text) })
  }
}
