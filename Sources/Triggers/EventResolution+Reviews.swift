import JSON

// MARK: - `pull_request_review`

extension EventResolution {
    /// An approving review approves the stage in review: GitHub sends `submitted` with `review.state: approved`,
    /// Gitea a `review.type` of `pull_request_review_approved` (action `reviewed` or `submitted`). Any other
    /// review (a comment, changes requested) starts nothing; the owner revises with `/revise` instead.
    func resolveReview() -> TriggerDecision {
        let workItem = payload.pullRequestWorkItem
        let action = payload.action ?? ""
        guard ["submitted", "reviewed"].contains(action) else {
            return actionNotHandled("a submitted review (`submitted`)", workItem: workItem)
        }
        guard let workItem else {
            return skip(.missingWorkItem, "The review event has no pull request number.")
        }
        let review = payload.root["review"]
        let state = (review?["state"]?.stringValue ?? review?["type"]?.stringValue ?? "").lowercased()
        guard state == "approved" || state.hasSuffix("_approved") else {
            return skip(
                .reviewNotApproval,
                "A review that does not approve (`\(state.isEmpty ? "no state" : state)`) starts nothing; comment "
                    + "`/revise <what to change>` to ask for another round.", workItem: workItem)
        }
        return run(.approve, on: workItem, source: .review(state: "approved"))
    }
}
