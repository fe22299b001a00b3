import ConsoleKit
import Domain
import Fluent
import Foundation
import Tabular
import Vapor

/// `wanjia reliability import FILE` and `wanjia reliability compute …` (rules REL-IMPORT, REL-…).
struct ReliabilityCommands: AsyncCommandGroup {
  var help: String { "Supply reliability (供电可靠性): interruption history and indices." }
  var commands: [String: any AnyAsyncCommand] { ["import": ReliabilityImportCommand(), "compute": ReliabilityComputeCommand()] }
}

struct ReliabilityImportCommand: AsyncCommand {
  struct Signature: CommandSignature {
    @Argument(name: "file", help: "CSV (UTF-8) or XLSX of interruption history (docs/outage-format.md)") var file: String
  }

  var help: String { "Imports interruption history, all or nothing: reliability import FILE" }

  func run(using context: CommandContext, signature: Signature) async throws {
    let app = context.application
    try await app.autoMigrate()
    guard let data = FileManager.default.contents(atPath: signature.file) else { throw CommandFailure("cannot read \(signature.file)") }
    do {
      let outcome = try await InterruptionImport.run(data, actor: try await Actor.commandLine(on: app.db), on: app.db, now: app.clock.now())
      context.console.info("\(outcome.imported) interruptions imported, \(outcome.unchanged) unchanged")
    } catch let error as AppError {
      let localizer = app.localizer
      var text = localizer.text(error.messageKey, locale: "en", args: error.args.map { localizer.text($0, locale: "en") })
      for line in error.lines.prefix(50) {
        text += "\nline \(line.line) (\(line.field)): " + localizer.text(line.key, locale: "en", args: line.args)
      }
      throw CommandFailure(text)
    }
  }
}

/// The indices of a set of units from files, without the database: the benchmark's side of the
/// comparison with an independent computation (bench/reliability.sh).
struct ReliabilityComputeCommand: AsyncCommand {
  struct Signature: CommandSignature {
    @Option(name: "file", help: "Interruptions, CSV in the import format (docs/outage-format.md)") var file: String?
    @Option(name: "units", help: "Units, CSV with the header code,customers,area (area urban, rural or empty)") var units: String?
    @Option(name: "from", help: "First day YYYY-MM-DD") var from: String?
    @Option(name: "to", help: "Last day YYYY-MM-DD") var to: String?
    @Option(name: "repeat", help: "Times the computation runs; the fastest is reported (default 5)") var repeats: Int?
    @Flag(name: "json", help: "Print the report as JSON with the timings") var json: Bool
  }

  var help: String { "Computes the reliability indices from files: reliability compute --file F --units U --from D --to D --json" }

  struct Output: Encodable {
    let loadMilliseconds: Double
    let computeMilliseconds: Double
    let interruptions: Int
    let report: ReliabilityReport
  }

  func run(using context: CommandContext, signature: Signature) async throws {
    guard let file = signature.file, let unitsFile = signature.units else { throw CommandFailure("--file and --units are required") }
    guard let from = signature.from.flatMap(CivilDate.init(iso:)), let to = signature.to.flatMap(CivilDate.init(iso:)), from <= to else {
      throw CommandFailure("--from and --to must be days YYYY-MM-DD, --to not before --from")
    }
    guard let unitData = FileManager.default.contents(atPath: unitsFile), let data = FileManager.default.contents(atPath: file) else {
      throw CommandFailure("cannot read \(file) or \(unitsFile)")
    }
    let clock = ContinuousClock()
    let loadStart = clock.now
    var units: [UUID: ReliabilityUnit] = [:]
    var codes: [String: UUID] = [:]
    let unitRows = try TabularReader.rows(in: unitData)
    for row in unitRows.dropFirst() where row.fields.count >= 2 {
      let id = UUID()
      codes[row.fields[0]] = id
      let area = row.fields.count > 2 ? SupplyArea(rawValue: row.fields[2]) : nil
      units[id] = ReliabilityUnit(customers: Int(row.fields[1]) ?? 0, area: area)
    }
    var interruptions: [Interruption] = []
    let rows = try TabularReader.rows(in: data)
    guard let header = rows.first else { throw CommandFailure("\(file) is empty") }
    func column(_ name: String) throws -> Int {
      guard let index = header.fields.firstIndex(of: name) else { throw CommandFailure("\(file) has no column \(name)") }
      return index
    }
    let (unitColumn, typeColumn, startColumn, endColumn, customersColumn) = (
      try column("unitCode"), try column("type"), try column("start"), try column("end"), try column("customersAffected")
    )
    interruptions.reserveCapacity(rows.count)
    for row in rows.dropFirst() {
      let f = row.fields
      guard f.count > max(unitColumn, typeColumn, startColumn, endColumn, customersColumn), let unit = codes[f[unitColumn]],
        let type = OutageType(rawValue: f[typeColumn]), let start = InterruptionImport.instant(f[startColumn]),
        let end = InterruptionImport.instant(f[endColumn]), let customers = Int(f[customersColumn])
      else { throw CommandFailure("line \(row.line) is not a valid interruption") }
      interruptions.append(Interruption(unitID: unit, type: type, start: start, end: end, customers: customers))
    }
    let loaded = clock.now - loadStart
    var best = Duration.seconds(3600)
    var report: ReliabilityReport?
    for _ in 0..<max(1, signature.repeats ?? 5) {
      let start = clock.now
      let computed = ReliabilityIndices.compute(interruptions: interruptions, units: units, from: from, to: to)
      best = min(best, clock.now - start)
      report = computed
    }
    guard let report else { return }
    func milliseconds(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }
    if signature.json {
      let encoder = JSONCoding.encoder()
      encoder.outputFormatting = [.sortedKeys]
      let text = try encoder.encode(
        Output(
          loadMilliseconds: milliseconds(loaded), computeMilliseconds: milliseconds(best), interruptions: interruptions.count,
          report: report))
      context.console.output(String(decoding: text, as: UTF8.self).consoleText())
    } else {
      context.console.info(
        "\(interruptions.count) interruptions, N_T \(report.customersServed): SAIFI \(report.ieee.saifi), SAIDI \(report.ieee.saidi) min, "
          + "RS-1 \(report.dlt.rs1); computed in \(milliseconds(best)) ms")
    }
  }
}
