import JSON

// MARK: - `issue_comment`

extension EventResolution {
    func resolveComment() -> TriggerDecision {
        let workItem = payload.issueWorkItem
        guard payload.action == "created" else {
            return actionNotHandled(
                "a new comment (`created`)", advice: " Post the command as a new comment.", workItem: workItem)
        }
        guard let workItem else {
            return skip(.missingWorkItem, "The comment event has no `issue.number`, so there is nothing to run on.")
        }
        let body = payload.root["comment"]?["body"]?.stringValue ?? ""
        switch CommentCommand.read(body) {
        case .rejected(let code, let reason):
            return skip(code, reason, workItem: workItem)
        case .command(let operation, let mode, let word):
            return run(operation, mode: mode, on: workItem, source: .command(word))
        }
    }
}
