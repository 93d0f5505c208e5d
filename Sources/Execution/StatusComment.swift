import Documents
import Foundation
import Pipeline

/// The one status comment Conveyor keeps on a work item, rewritten in full from state after every run.
///
/// It is found again by its hidden ``marker(workItem:)``, so a rerun edits it instead of adding another. The body
/// carries the marker exactly once: everything an agent or a user wrote (the verdict value, the reasons that quote
/// their files, the open questions) goes through ``UntrustedText/markdownLine(_:keepingCodeSpans:limit:)``, which
/// leaves no `<` to start a second marker, a comment or a tag, no line break, and no `@mention`.
public struct StatusComment: Sendable, Hashable {
    /// How far one stage has come, as state records it.
    public enum StageState: String, Sendable, Hashable {
        /// Not started.
        case pending
        /// Its run ended; waiting for the owner.
        case inReview = "in review"
        /// The owner approved it.
        case approved
        /// Its gate failed.
        case failed
        /// It waits for answers from the owner.
        case needsInput = "needs input"
        /// Its gate passed and it pushed; CI on the pushed head is not judged yet (`dev.ci.mode: pending`):
        /// `conveyor tick` moves it on. The stage line names the head (``StatusComment/ciHead``).
        case waitingForCI = "waiting for CI"
    }

    /// The work item.
    public var workItem: Int
    /// Every stage of the pipeline, in order, with its state.
    public var stages: [(name: StageName, state: StageState)]
    /// The stage the latest run worked on.
    public var currentStage: StageName
    /// `pass`, `fail` or `needs_input`.
    public var verdict: String
    /// Why, one sentence each.
    public var reasons: [String]
    /// Questions for the owner.
    public var questions: [String]
    /// The artifacts of the latest run, as `(path, link)`.
    public var artifacts: [(path: String, url: String)]
    /// The work item's pull request.
    public var pullRequestURL: String?
    /// How long the run took, in seconds.
    public var durationSeconds: Double
    /// Tokens the agent used (input + output), when it reported them.
    public var tokens: Int?
    /// What the agent reported spending, in US dollars.
    public var costUSD: Double?
    /// What the owner can do next, as a label or command.
    public var nextStep: String?
    /// The head whose CI the current stage waits for, named on the stage line while that stage is
    /// ``StageState/waitingForCI``.
    public var ciHead: String?
    /// The self-healing supervisor's section (phases, narrative, incident), already escaped; empty when it had
    /// nothing to say (see `SupervisionNarrative`).
    public var supervision: [String] = []

    /// Creates a status comment.
    public init(
        workItem: Int, stages: [(name: StageName, state: StageState)], currentStage: StageName, verdict: String,
        reasons: [String] = [], questions: [String] = [], artifacts: [(path: String, url: String)] = [],
        pullRequestURL: String? = nil, durationSeconds: Double, tokens: Int? = nil, costUSD: Double? = nil,
        nextStep: String? = nil, ciHead: String? = nil
    ) {
        self.workItem = workItem
        self.stages = stages
        self.currentStage = currentStage
        self.verdict = verdict
        self.reasons = reasons
        self.questions = questions
        self.artifacts = artifacts
        self.pullRequestURL = pullRequestURL
        self.durationSeconds = durationSeconds
        self.tokens = tokens
        self.costUSD = costUSD
        self.nextStep = nextStep
        self.ciHead = ciHead
    }

    /// The hidden line that identifies the status comment of `workItem`.
    public static func marker(workItem: Int) -> String {
        "<!-- conveyor:status:\(workItem) -->"
    }

    public static func == (lhs: StatusComment, rhs: StatusComment) -> Bool { lhs.body == rhs.body }
    public func hash(into hasher: inout Hasher) { hasher.combine(body) }
}

extension StatusComment {
    /// The comment's Markdown, starting with the marker.
    public var body: String {
        var lines = [Self.marker(workItem: workItem), "### Conveyor — work item #\(workItem)", ""]
        lines.append(
            stages.map { stage in
                let mark = stage.name == currentStage ? "**\(stage.name.rawValue)**" : stage.name.rawValue
                return
                    "\(Self.symbol(stage.state)) \(mark)\(stateNote(stage.state, current: stage.name == currentStage))"
            }.joined(separator: " → "))
        let shownVerdict = UntrustedText.markdownLine(verdict, keepingCodeSpans: true, limit: 40)
            .replacingOccurrences(of: "`", with: "'")
        lines += ["", "**\(currentStage.rawValue)**: gate verdict `\(shownVerdict)`"]
        lines += reasons.map { "- " + UntrustedText.markdownLine($0, keepingCodeSpans: true) }
        if !questions.isEmpty {
            lines += ["", "**Questions for the owner** (answer in a comment, then add the revise label):"]
            lines += questions.enumerated().map { "\($0.offset + 1). " + UntrustedText.markdownLine($0.element) }
        }
        if !artifacts.isEmpty {
            lines += ["", "**Artifacts**"]
            lines += artifacts.map { "- [`\($0.path)`](\($0.url))" }
        }
        if let pullRequestURL { lines += ["", "Pull request: \(pullRequestURL)"] }
        if !supervision.isEmpty { lines += [""] + supervision }
        lines += ["", usageLine]
        if let nextStep { lines += ["", "Next: \(nextStep)"] }
        return lines.joined(separator: "\n") + "\n"
    }

    private var usageLine: String {
        var parts = ["Duration \(String(format: "%.1f", durationSeconds)) s"]
        if let tokens { parts.append("tokens \(tokens)") }
        if let costUSD { parts.append("cost $\(String(format: "%.4f", costUSD))") }
        return parts.joined(separator: " · ")
    }

    /// What the symbol alone cannot say: the current stage waiting for CI names the head being judged.
    private func stateNote(_ state: StageState, current: Bool) -> String {
        guard current, state == .waitingForCI else { return "" }
        // A commit id: hex digits only, so nothing in it can end the code span.
        let head = ciHead.map { " on `\(String($0.filter(\.isHexDigit).prefix(12)))`" } ?? ""
        return " (waiting for CI\(head))"
    }

    private static func symbol(_ state: StageState) -> String {
        switch state {
        case .pending: "○"
        case .inReview: "◐"
        case .approved: "●"
        case .failed: "✗"
        case .needsInput: "?"
        case .waitingForCI: "◔"
        }
    }
}
