import Documents
import Foundation
import Pipeline

/// Decides whether a stage's output may go to the owner: `pass`, `fail` with reasons, or `needs_input` with the
/// agent's open questions.
///
/// Checks, in order:
/// 1. **Write scope** (every gate kind, `none` included): each changed path must match the stage's write scope.
/// 2. **Artifacts** (all kinds but `none`): each required artifact exists at its path, its frontmatter is valid,
///    has the required keys, and its `type`, `work_item` and `stage` match the requirement, the item and the stage.
/// 3. **Verdict** (`verdict` gates): the rule's field of the document of the rule's type, read by
///    ``VerdictReader``. **Command** (`command` gates): the command's exit status, 0 passes; not run when an
///    earlier check failed.
/// 4. **Open questions**: when everything else passed, unanswered questions in the stage's `open-questions`
///    artifact (see ``OpenQuestion``) make the result `needs_input`.
///
/// Verdicts come only from frontmatter fields and exit codes, never from prose. The evaluator never throws: every
/// problem becomes a reason.
public struct GateEvaluator: Sendable {
    /// The document type whose `questions` can turn a pass into `needs_input`.
    public static let openQuestionsType = "open-questions"

    /// Runs the command of `command` gates.
    public let commandRunner: CommandRunner

    /// Creates an evaluator; command gates run through `commandRunner`.
    public init(commandRunner: CommandRunner = .process()) {
        self.commandRunner = commandRunner
    }

    /// The gate verdict for `stage` on work item `workItem`.
    ///
    /// - Parameters:
    ///   - workTree: the root of the checked-out repository the agent worked in.
    ///   - changedPaths: repository-relative paths the agent changed (added, modified or deleted), taken before
    ///     Conveyor regenerates the docset and issue map.
    public func evaluate(stage: StageDefinition, workItem: Int, workTree: URL, changedPaths: [String]) async
        -> GateVerdict
    {
        let scope = WriteScope(stage.writeScope, excluding: stage.protectedPaths, workItem: workItem)
        var reasons = scope.violations(in: changedPaths).map { path in
            let protected = scope.excluded.isEmpty ? "" : " except \(Self.list(scope.excluded))"
            return GateReason(
                code: .outsideWriteScope, path: path,
                message: "`\(path)` was changed, but stage `\(stage.name)` may only write "
                    + "\(Self.list(scope.patterns))\(protected). Revert the change or move the file inside the "
                    + "scope; nothing is pushed until then.")
        }
        if case .none = stage.gate { return Self.verdict(reasons, questions: []) }

        let check = ArtifactCheck(stage: stage, workItem: workItem, workTree: workTree)
        reasons += check.reasons
        switch stage.gate {
        case .verdict(let rule):
            reasons += check.verdictReasons(for: rule)
        case .command(let arguments):
            reasons += await commandReasons(arguments, stage: stage.name, workTree: workTree, earlier: reasons)
        case .artifacts, .none:
            break
        }
        let (questionReasons, questions) = check.openQuestions(type: Self.openQuestionsType)
        return Self.verdict(reasons + questionReasons, questions: questions)
    }

    private func commandReasons(
        _ arguments: [String], stage: StageName, workTree: URL, earlier: [GateReason]
    ) async -> [GateReason] {
        let shown = "`\(arguments.joined(separator: " "))`"
        guard earlier.isEmpty else {
            return [
                GateReason(
                    code: .commandSkipped,
                    message: "The gate command \(shown) of stage `\(stage)` was not run because the checks above "
                        + "failed. Fix them and run the stage again.")
            ]
        }
        let exit = await commandRunner(arguments, in: workTree)
        guard !exit.succeeded else { return [] }
        return [
            GateReason(
                code: .commandFailed,
                message: "The gate command \(shown) of stage `\(stage)` \(exit). Run it in the work tree, fix "
                    + "what it reports, and run the stage again.")
        ]
    }

    private static func verdict(_ reasons: [GateReason], questions: [String]) -> GateVerdict {
        if reasons.contains(where: { $0.code != .openQuestions }) {
            return GateVerdict(result: .fail, reasons: reasons.filter { $0.code != .openQuestions })
        }
        if !questions.isEmpty { return GateVerdict(result: .needsInput, reasons: reasons, questions: questions) }
        return GateVerdict(result: .pass, reasons: [])
    }

    static func list(_ items: [String]) -> String {
        items.isEmpty ? "nothing" : items.map { "`\($0)`" }.joined(separator: ", ")
    }
}
