import DocAudit
import Documents
import Foundation

/// The one doc-audit comment Conveyor keeps on a pull request, rewritten in full for every audited head.
///
/// Found again by its hidden ``marker(pullRequest:)`` (with ``Forge/OwnCommentFinder``), so every push edits it
/// instead of adding another. It names the head it describes in a second hidden line (``headMarker(_:)``).
/// Everything a file of the pull request controls (paths, messages quoting its values, the agent's report) goes
/// through ``UntrustedText/markdownLine(_:keepingCodeSpans:limit:)``: no second marker, tag, mention or line break.
public struct DocAuditComment: Sendable, Hashable {
    /// The most findings listed; the rest are counted.
    public static let findingLimit = 50

    /// The pull request.
    public var pullRequest: Int
    /// The audited head commit.
    public var headSHA: String
    /// Pass or fail.
    public var passed: Bool
    /// The deterministic checks' report.
    public var report: DocAuditReport
    /// The agent audit: the report's path and verdict, or why there was none.
    public var agentLine: String
    /// True for a pull request from a fork: deterministic checks only.
    public var isFromFork: Bool

    /// Creates a comment.
    public init(
        pullRequest: Int, headSHA: String, passed: Bool, report: DocAuditReport, agentLine: String, isFromFork: Bool
    ) {
        self.pullRequest = pullRequest
        self.headSHA = headSHA
        self.passed = passed
        self.report = report
        self.agentLine = agentLine
        self.isFromFork = isFromFork
    }

    /// The hidden line that identifies the comment, e.g. `<!-- conveyor:doc-audit:7 -->`.
    public static func marker(pullRequest: Int) -> String {
        "<!-- conveyor:doc-audit:\(pullRequest) -->"
    }

    /// The hidden line naming the head the comment describes.
    public static func headMarker(_ sha: String) -> String {
        "<!-- conveyor:doc-audit-head:\(sha) -->"
    }

    /// The Markdown body.
    public var body: String {
        var lines = [
            Self.marker(pullRequest: pullRequest), Self.headMarker(headSHA),
            "### Conveyor doc audit: \(passed ? "passed" : "failed")", "",
            "Head `\(headSHA.prefix(12))` · \(report.changedPaths) changed files · \(report.markdownFiles) Markdown "
                + "files read, \(report.documents) with frontmatter · \(report.errors.count) errors, "
                + "\(report.warnings.count) warnings",
            "",
        ]
        if isFromFork {
            lines += [
                "This pull request comes from a fork: only the deterministic checks ran, with the configuration of "
                    + "the base branch and a read-only token. No agent ran and no secret was used.",
                "",
            ]
        }
        lines += [UntrustedText.markdownLine(agentLine, keepingCodeSpans: true), ""]
        if report.findings.isEmpty {
            lines.append("No findings.")
        } else {
            lines += ["| | where | what to fix |", "|---|---|---|"]
            for finding in report.findings.prefix(Self.findingLimit) {
                let icon = finding.severity == .error ? "error" : "warning"
                let place = UntrustedText.markdownLine("\(finding.file):\(finding.line)", limit: 300)
                let message = UntrustedText.markdownLine(finding.message, keepingCodeSpans: true, limit: 600)
                    .replacingOccurrences(of: "|", with: "\\|")
                lines.append("| \(icon) | \(place) | \(finding.kind.rawValue): \(message) |")
            }
            if report.findings.count > Self.findingLimit {
                lines += ["", "… and \(report.findings.count - Self.findingLimit) more; the job log lists them all."]
            }
        }
        lines += ["", "_Edited on every push; the commit status `\(DocAuditJob.statusContext)` carries the result._"]
        return lines.joined(separator: "\n") + "\n"
    }
}
