import Foundation

/// `conveyor report`'s three forms of one ``PipelineReport``: Markdown for a job summary (tables and Mermaid
/// charts), a self-contained HTML page (inline CSS and SVG, no network needed), and JSON for scripts.
public enum ReportRenderer {
    /// The output forms.
    public enum Format: String, Sendable, CaseIterable {
        /// GitHub-flavoured Markdown with Mermaid charts.
        case markdown
        /// One HTML file with inline SVG charts.
        case html
        /// The report as JSON, snake_case keys.
        case json
    }

    /// `report` in `format`.
    public static func render(_ report: PipelineReport, as format: Format) throws -> String {
        switch format {
        case .markdown: markdown(report)
        case .html: HTMLReport.page(report)
        case .json: try json(report)
        }
    }

    static func json(_ report: PipelineReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }

    // MARK: - Markdown

    static func markdown(_ report: PipelineReport) -> String {
        let summary = report.summary
        var lines = [
            "# Conveyor report", "",
            "\(report.items.count) work items, \(report.runCount) runs; success rate \(percent(summary.successRate)); "
                + "agent cost \(dollars(summary.totalCostUSD)), \(summary.totalTokens) tokens. "
                + "Generated \(report.generatedAt).", "",
        ]
        if !summary.itemsByStage.isEmpty {
            lines += ["## Work items by stage", "", "```mermaid", "pie title Work items by current stage"]
            lines += summary.itemsByStage.map { "    \"\(mermaidText($0.label))\" : \($0.value)" }
            lines += ["```", ""]
        }
        if !summary.costByDay.isEmpty {
            lines += [
                "## Cost and throughput per day", "", "```mermaid", "xychart-beta",
                "    title \"Agent cost per day (USD)\"",
                "    x-axis [" + summary.costByDay.map { "\"\($0.label)\"" }.joined(separator: ", ") + "]",
                "    y-axis \"USD\"",
                "    bar [" + summary.costByDay.map { String(format: "%.2f", $0.value) }.joined(separator: ", ") + "]",
                "```", "",
                "| day | runs finished | cost |", "|---|---:|---:|",
            ]
            let throughput = Dictionary(uniqueKeysWithValues: summary.throughputPerDay.map { ($0.label, $0.value) })
            lines += summary.costByDay.map { "| \($0.label) | \(throughput[$0.label] ?? 0) | \(dollars($0.value)) |" }
            lines.append("")
        }
        let leadTimes = Dictionary(uniqueKeysWithValues: summary.leadTimeHoursByStage.map { ($0.label, $0.value) })
        lines += ["## Stages", "", "| stage | median lead time | cost |", "|---|---:|---:|"]
        lines += summary.costByStage.map {
            "| \($0.label) | \(leadTimes[$0.label].map { hours($0 * 3600) } ?? "–") | \(dollars($0.value)) |"
        }
        lines += [
            "", "## Work items", "",
            "| item | stage | runs | revise rounds | verdicts | approved by | time | tokens | cost |",
            "|---|---|---:|---:|---|---|---:|---:|---:|",
        ]
        for item in report.items {
            lines.append(
                "| **#\(item.number)** \(markdownCell(item.title)) | \(item.currentStage ?? "–") "
                    + "(\(item.stageState ?? "–")) | \(item.stages.reduce(0) { $0 + $1.runs }) | "
                    + "\(item.stages.reduce(0) { $0 + $1.reviseRounds }) | | | \(hours(item.leadTimeSeconds)) | "
                    + "\(item.tokens) | \(dollars(item.costUSD)) |")
            for stage in item.stages {
                lines.append(
                    "| | \(stage.name) | \(stage.runs) | \(stage.reviseRounds) | "
                        + "\(stage.verdicts.joined(separator: " → ")) | "
                        + "\(markdownCell(stage.approvedBy.joined(separator: ", "))) | "
                        + "\(hours(stage.durationSeconds)) | \(stage.tokens) | \(dollars(stage.costUSD)) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Formatting

    static func dollars(_ value: Double) -> String { String(format: "$%.2f", value) }

    static func percent(_ value: Double?) -> String {
        value.map { String(format: "%.0f%%", $0 * 100) } ?? "–"
    }

    /// `3.5 h`, or `12 min` under an hour.
    static func hours(_ seconds: Double) -> String {
        seconds < 3600 ? String(format: "%.0f min", seconds / 60) : String(format: "%.1f h", seconds / 3600)
    }

    /// Text safe inside a Markdown table cell: no pipes, newlines or HTML.
    static func markdownCell(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    /// Text safe inside a Mermaid quoted label.
    static func mermaidText(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "'")
    }
}
