import Pipeline

// MARK: - `pull_request`

extension EventResolution {
    /// Pull request actions that start a doc audit (GitHub `synchronize`, Gitea `synchronized`; a draft marked
    /// ready for review is audited again).
    static let auditActions: Set<String> = ["opened", "synchronize", "synchronized", "reopened", "ready_for_review"]

    func resolvePullRequestEvent() -> TriggerDecision {
        let workItem = payload.pullRequestWorkItem
        let action = payload.action ?? ""
        let isLabelEvent = ["labeled", "label_updated"].contains(action)
        guard Self.auditActions.contains(action) || isLabelEvent else {
            return actionNotHandled(
                "`opened`, `synchronize`, `reopened`, `ready_for_review` or adding the doc-audit label",
                workItem: workItem)
        }
        guard let workItem else {
            return skip(.missingWorkItem, "The pull request event has no pull request number.")
        }
        let audit = PullRequestAudit(headSHA: payload.pullRequestHeadSHA)
        guard isLabelEvent else {
            return run(.docAudit(audit), on: workItem, source: .pullRequest(action: action))
        }
        return decideLabel(addedTriggers(in: "pull_request"), on: workItem) { name, meaning in
            guard case .run(.docAudit, let mode) = meaning else {
                let audit = context.labels.name(for: .run(.docAudit, .run)) ?? "run:doc-audit"
                return skip(
                    .notTriggerLabel,
                    "`\(name)` was added to a pull request; from a pull request label event only `\(audit)` starts a "
                        + "run. Add stage labels to the issue instead.", workItem: workItem)
            }
            return run(.docAudit(audit), mode: mode, on: workItem, source: .label(name))
        }
    }
}
