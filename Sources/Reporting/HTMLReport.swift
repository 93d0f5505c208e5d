import Foundation

/// The HTML form of the report: one file, inline CSS and SVG, no scripts or fonts fetched, readable offline.
///
/// Every chart is an `<svg class="chart">` of `<rect class="bar">` elements with a `<title>` per bar; a small inline
/// script marks the page with `data-charts-rendered` (charts whose box has a size) and `data-errors` (script
/// errors), which the browser test reads back.
enum HTMLReport {
    static func page(_ report: PipelineReport) -> String {
        let summary = report.summary
        var body: [String] = [
            "<h1>Conveyor report</h1>",
            "<p class=\"lead\">\(report.items.count) work items · \(report.runCount) runs · success rate "
                + "\(ReportRenderer.percent(summary.successRate)) · agent cost "
                + "\(ReportRenderer.dollars(summary.totalCostUSD)) · \(summary.totalTokens) tokens · generated "
                + "\(escape(report.generatedAt))</p>",
            "<div class=\"grid\">",
            section(
                "Work items by stage", barChart(summary.itemsByStage.map { ($0.label, Double($0.value)) }, unit: "")),
            section(
                "Runs finished per day",
                barChart(summary.throughputPerDay.map { ($0.label, Double($0.value)) }, unit: "")),
            section("Agent cost per day", barChart(summary.costByDay.map { ($0.label, $0.value) }, unit: "$")),
            section("Agent cost per stage", barChart(summary.costByStage.map { ($0.label, $0.value) }, unit: "$")),
            section(
                "Median lead time per stage (hours)",
                barChart(summary.leadTimeHoursByStage.map { ($0.label, $0.value) }, unit: "h")),
            "</div>",
            "<h2>Work items</h2>",
            "<table><thead><tr><th>Item</th><th>Stage</th><th>Runs</th><th>Revise rounds</th><th>Verdicts</th>"
                + "<th>Approved by</th><th>Time</th><th>Tokens</th><th>Cost</th></tr></thead><tbody>",
        ]
        for item in report.items {
            body.append(
                "<tr class=\"item\"><td>#\(item.number) \(escape(item.title))</td><td>"
                    + "\(escape(item.currentStage ?? "–")) <small>\(escape(item.stageState ?? ""))</small></td>"
                    + "<td>\(item.stages.reduce(0) { $0 + $1.runs })</td>"
                    + "<td>\(item.stages.reduce(0) { $0 + $1.reviseRounds })</td><td></td><td></td>"
                    + "<td>\(ReportRenderer.hours(item.leadTimeSeconds))</td><td>\(item.tokens)</td>"
                    + "<td>\(ReportRenderer.dollars(item.costUSD))</td></tr>")
            for stage in item.stages {
                body.append(
                    "<tr class=\"stage\"><td></td><td>\(escape(stage.name))</td><td>\(stage.runs)</td>"
                        + "<td>\(stage.reviseRounds)</td><td>\(escape(stage.verdicts.joined(separator: " → ")))</td>"
                        + "<td>\(escape(stage.approvedBy.joined(separator: ", ")))</td>"
                        + "<td>\(ReportRenderer.hours(stage.durationSeconds))</td><td>\(stage.tokens)</td>"
                        + "<td>\(ReportRenderer.dollars(stage.costUSD))</td></tr>")
            }
        }
        body.append("</tbody></table>")
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Conveyor report</title>
            <style>
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1100px;color:#1f2328;padding:0 1rem}
            h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem}.lead{color:#59636e}
            .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:1rem}
            section{border:1px solid #d1d9e0;border-radius:8px;padding:.75rem}section h3{font-size:.95rem;margin:0 0 .5rem}
            svg.chart{width:100%;height:auto;display:block}.bar{fill:#1d76db}.bar:hover{fill:#0b4f9c}
            .axis{font-size:10px;fill:#59636e}.value{font-size:10px;fill:#1f2328}
            table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eaeef2}
            tr.item td{font-weight:600;border-top:1px solid #d1d9e0}tr.stage td{color:#59636e}.empty{color:#59636e}
            </style></head>
            <body>
            \(body.joined(separator: "\n"))
            <script>
            (function(){var errors=[];window.addEventListener('error',function(e){errors.push(String(e.message));document.body.dataset.errors=errors.join('; ');});
            var drawn=Array.prototype.filter.call(document.querySelectorAll('svg.chart'),function(s){var b=s.getBoundingClientRect();return b.width>0&&b.height>0&&s.querySelectorAll('rect.bar').length>0;});
            document.body.dataset.chartsRendered=String(drawn.length);document.body.dataset.errors=errors.join('; ');})();
            </script>
            </body></html>

            """
    }

    private static func section(_ title: String, _ chart: String) -> String {
        "<section><h3>\(escape(title))</h3>\(chart)</section>"
    }

    /// A vertical bar chart of `points` in a 360×200 view box; an empty list gives a note instead of a chart.
    static func barChart(_ points: [(String, Double)], unit: String) -> String {
        guard !points.isEmpty else { return "<p class=\"empty\">No data yet.</p>" }
        let width = 360.0
        let height = 200.0
        let top = 16.0
        let bottom = 40.0
        let left = 8.0
        let maximum = max(points.map(\.1).max() ?? 0, 0.000_001)
        let slot = (width - left * 2) / Double(points.count)
        let barWidth = max(1, slot * 0.7)
        var parts = [
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" "
                + "xmlns=\"http://www.w3.org/2000/svg\">",
            "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - left)\" y2=\"\(height - bottom)\" "
                + "stroke=\"#d1d9e0\"/>",
        ]
        let labelEvery = max(1, points.count / 8)
        for (index, point) in points.enumerated() {
            let barHeight = max(1, (height - top - bottom) * point.1 / maximum)
            let x = left + Double(index) * slot + (slot - barWidth) / 2
            let y = height - bottom - barHeight
            let value = format(point.1, unit: unit)
            parts.append(
                String(
                    format: "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">", x, y,
                    barWidth, barHeight) + "<title>\(escape(point.0)): \(value)</title></rect>")
            if points.count <= 12 {
                parts.append(
                    String(
                        format: "<text class=\"value\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", x + barWidth / 2,
                        y - 3)
                        + "\(value)</text>")
            }
            if index % labelEvery == 0 {
                parts.append(
                    String(
                        format: "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
                            + "transform=\"rotate(-35 %.1f %.1f)\">", x + barWidth / 2, height - bottom + 12,
                        x + barWidth / 2, height - bottom + 12) + "\(escape(point.0))</text>")
            }
        }
        parts.append("</svg>")
        return parts.joined()
    }

    private static func format(_ value: Double, unit: String) -> String {
        switch unit {
        case "$": String(format: "$%.2f", value)
        case "h": String(format: "%.1f h", value)
        default: value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
        }
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` escaped, for element content and attribute values.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
