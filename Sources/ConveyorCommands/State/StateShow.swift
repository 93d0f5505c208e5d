import ArgumentParser
import Foundation
import Git
import StateBranch

extension Application.State {
    /// `conveyor state show`: the tip, the row count of each table and the live leases.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the state branch's tip, the rows per table and the open leases.")

        @OptionGroup var location: StateLocationOptions

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        /// What `show --format json` prints.
        struct Report: Encodable {
            let branch: String
            let tip: String?
            let tables: [TableCount]
            let leases: [LeaseSummary]
        }

        func run() async throws {
            let report = try await StateContext.with(location) { context in
                try await StateSnapshot.reading(context.location) { snapshot in
                    Report(
                        branch: context.location.branch, tip: snapshot.tip?.description,
                        tables: try await snapshot.database.tableCounts(),
                        leases: try await snapshot.database.liveLeases(at: Date()))
                }
            }
            Console.write(format == .json ? try StateOutput.json(report) : Self.text(report))
        }

        static func text(_ report: Report) -> String {
            guard let tip = report.tip else {
                return "State branch \(report.branch) does not exist yet; the first write creates it."
            }
            var lines = ["state branch \(report.branch) at \(tip)", "tables:"]
            lines += report.tables.map { "  \($0.table): \($0.rows)" }
            lines.append(report.leases.isEmpty ? "open leases: none" : "open leases:")
            lines += report.leases.map { lease in
                "  \(lease.workItem) \(lease.stage): \(lease.lease)"
            }
            return lines.joined(separator: "\n")
        }
    }
}
