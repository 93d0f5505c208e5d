import Foundation

extension DoctorReport {
    /// The report as people read it (one line per check, the fix indented below) or as one JSON document.
    public func rendered(as format: OutputFormat) throws -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(self), as: UTF8.self)
        case .text:
            let width = checks.map(\.name.count).max() ?? 0
            var lines = checks.flatMap { check -> [String] in
                let name = check.name.padding(toLength: width, withPad: " ", startingAt: 0)
                let line = "\(Self.mark(check.status)) \(name)  \(check.value)"
                return check.fix.map { [line, "    fix: \($0)"] } ?? [line]
            }
            lines.append(ok ? "doctor: ready" : "doctor: \(failureCount) problem(s) to fix")
            return lines.joined(separator: "\n")
        }
    }

    private var failureCount: Int { checks.filter { $0.status == .failure }.count }

    private static func mark(_ status: DoctorCheck.Status) -> String {
        switch status {
        case .ok: "ok  "
        case .warning: "warn"
        case .failure: "FAIL"
        }
    }
}
