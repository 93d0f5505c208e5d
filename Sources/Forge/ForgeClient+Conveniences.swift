extension ForgeClient {
    /// The oldest comment on issue `number` whose body contains `marker` (e.g.
    /// `<!-- conveyor:status:7 -->`), or nil.
    ///
    /// Anyone who can comment can also paste the marker. Pass `authors` (Conveyor's own logins) to
    /// consider only comments they wrote; an empty set accepts every author.
    public func findComment(
        onIssue number: Int, containing marker: String, authors: Set<String> = []
    ) async throws(ForgeError) -> IssueComment? {
        let wanted = Set(authors.map { $0.lowercased() })
        return try await comments(onIssue: number).first { comment in
            comment.body.contains(marker) && (wanted.isEmpty || wanted.contains(comment.author.login.lowercased()))
        }
    }

    /// The open pull requests, newest first; with `head`, only those from that branch.
    public func pullRequests(head: String? = nil) async throws(ForgeError) -> [PullRequest] {
        try await pullRequests(head: head, state: .open)
    }

    /// Starts workflow `workflow` on `ref` without inputs.
    public func dispatchWorkflow(_ workflow: String, ref: String) async throws(ForgeError) {
        try await dispatchWorkflow(workflow, ref: ref, inputs: [:])
    }
}
