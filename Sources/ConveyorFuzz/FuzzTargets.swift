import Actions
import Agents
import Documents
import Foundation
import Pipeline
import Triggers

/// The parsers that take untrusted input, each as a function of raw bytes that must return (or throw a typed error)
/// and never crash, hang or break an invariant. `scripts/fuzz` drives them with libFuzzer; the plain build of this
/// target replays files through them (see `FuzzEntry.swift`).
enum FuzzTarget: String, CaseIterable {
    /// An event payload (`$GITHUB_EVENT_PATH`), resolved as several event names on both forges.
    case payload
    /// A document with frontmatter, as an agent writes it.
    case frontmatter
    /// `.conveyor/config.yml`.
    case config
    /// The agent's output: Claude Code's result JSON or stream-JSON lines.
    case agentResult = "agent-result"
    /// Issue text sanitized for prompts and titles, and data printed to the job log.
    case untrustedText = "untrusted-text"

    /// The event names a payload is resolved as; the first input byte picks one.
    static let eventNames = ["issues", "issue_comment", "pull_request", "workflow_dispatch", "schedule", "push"]

    /// Runs one input; a broken invariant stops the process so the fuzzer records the input.
    func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        switch self {
        case .payload:
            let name = Self.eventNames[Int(data.first ?? 0) % Self.eventNames.count]
            for forge in [TriggerContext.Forge.github, .gitea] {
                _ = try? TriggerResolver.resolve(TriggerContext(eventName: name, payload: data, forge: forge))
            }
        case .frontmatter:
            _ = try? ArtifactDocument.parse(text, path: "docs/work-items/1/intake/brief.md")
        case .config:
            _ = try? PipelineConfiguration.parse(text)
        case .agentResult:
            if case .success(let report) = AgentReport.parse(text) {
                let exit = ProcessExit(exitStatus: 1, signal: nil, timedOut: false, elapsed: .seconds(1))
                let status = AgentStatus.judge(exit, report: .success(report))
                if case .modelUnavailable(let reason) = status, reason.contains("://") {
                    fatalError("an outage reason quotes an address: \(reason)")
                }
            }
        case .untrustedText:
            let once = UntrustedText.sanitize(text, limit: 2_000)
            if UntrustedText.sanitize(once, limit: 2_000) != once { fatalError("sanitize is not idempotent") }
            let title = UntrustedText.singleLine(text)
            if title.contains(where: { $0.isNewline }) || title.unicodeScalars.contains(where: { $0.value == 0 }) {
                fatalError("a title kept a line break or NUL")
            }
            // The runner splits the log at `\n` and `\r`, then trims each line.
            let printed = WorkflowCommand.neutralized(text).unicodeScalars
            for line in printed.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
                let start = String(String.UnicodeScalarView(line.drop { $0 == " " || $0 == "\t" }))
                if start.hasPrefix("::") || start.hasPrefix("##[") { fatalError("a printed line is a command") }
            }
        }
    }
}
