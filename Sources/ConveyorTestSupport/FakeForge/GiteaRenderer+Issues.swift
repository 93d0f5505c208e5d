import Foundation

extension GiteaRenderer {
    func issue(_ issue: ForgeIssue, in repository: ForgeRepository) -> ForgeJSON {
        let kind = issue.pull == nil ? "issues" : "pulls"
        var members: [(String, ForgeJSON)] = [
            ("id", .int(issue.id)), ("url", .string("\(api)/repos/\(repository.fullName)/issues/\(issue.number)")),
            ("html_url", .string("\(root)/\(repository.fullName)/\(kind)/\(issue.number)")),
            ("number", .int(issue.number)), ("user", user(issue.author)), ("original_author", ""),
            ("original_author_id", 0), ("title", .string(issue.title)), ("body", .string(issue.body ?? "")),
            ("ref", ""), ("assets", []),
            ("labels", .array(repository.labels(withIDs: issue.labelIDs).map { label($0, in: repository) })),
            ("state", .string(issue.state)), ("is_locked", false),
            ("comments", .int(repository.comments(onIssue: issue.number).count)),
            ("created_at", .string(ForgeFormat.timestamp(issue.createdAt))),
            ("updated_at", .string(ForgeFormat.timestamp(issue.updatedAt))), ("time_estimate", 0),
        ]
        if issue.state == "closed" { members.append(("closed_at", .string(ForgeFormat.timestamp(issue.updatedAt)))) }
        if let pull = issue.pull {
            var meta: [(String, ForgeJSON)] = [
                ("merged", .bool(pull.merged)), ("draft", .bool(pull.draft)),
                ("html_url", .string("\(root)/\(repository.fullName)/pulls/\(issue.number)")),
            ]
            if pull.merged { meta.append(("merged_at", .string(ForgeFormat.timestamp(issue.updatedAt)))) }
            members.append(("pull_request", .object(meta)))
        }
        members += [
            (
                "repository",
                .object([
                    ("id", .int(repository.id)), ("name", .string(repository.name)),
                    ("owner", .string(repository.owner)), ("full_name", .string(repository.fullName)),
                ])
            ),
            ("pin_order", 0),
        ]
        return .object(members)
    }

    func pull(_ issue: ForgeIssue, in repository: ForgeRepository, listed: Bool) -> ForgeJSON {
        let pull =
            issue.pull ?? ForgePull(number: issue.number, head: "", base: "", headSHA: "", merged: false, draft: false)
        let html = "\(root)/\(repository.fullName)/pulls/\(issue.number)"
        let baseSHA = pull.baseSHA ?? ForgeFormat.sha(for: pull.base)
        var members: [(String, ForgeJSON)] = [
            ("id", .int(issue.id)), ("url", .string(html)), ("number", .int(issue.number)),
            ("user", user(issue.author)), ("title", .string(issue.title)), ("body", .string(issue.body ?? "")),
            ("labels", .array(repository.labels(withIDs: issue.labelIDs).map { label($0, in: repository) })),
            ("requested_reviewers", []), ("requested_reviewers_teams", []), ("state", .string(issue.state)),
            ("draft", .bool(pull.draft)), ("is_locked", false),
            ("comments", .int(repository.comments(onIssue: issue.number).count)), ("review_comments", 0),
            ("additions", 10), ("deletions", 2), ("changed_files", 1), ("html_url", .string(html)),
            ("diff_url", .string("\(html).diff")), ("patch_url", .string("\(html).patch")),
            ("mergeable", .bool(!pull.merged)), ("merged", .bool(pull.merged)),
        ]
        if pull.merged {
            members += [
                ("merged_at", .string(ForgeFormat.timestamp(issue.updatedAt))),
                ("merge_commit_sha", .string(ForgeFormat.sha(for: "merge-\(issue.number)"))),
                ("merged_by", user(repository.owner)),
            ]
        }
        members += [
            ("allow_maintainer_edit", false), ("base", branch(pull.base, sha: baseSHA, in: repository)),
            ("head", branch(pull.head, sha: pull.headSHA, in: repository.fork(owner: pull.headOwner))),
            ("merge_base", .string(baseSHA)),
            ("created_at", .string(ForgeFormat.timestamp(issue.createdAt))),
            ("updated_at", .string(ForgeFormat.timestamp(issue.updatedAt))),
        ]
        if issue.state == "closed" { members.append(("closed_at", .string(ForgeFormat.timestamp(issue.updatedAt)))) }
        members.append(("pin_order", 0))
        return .object(members)
    }

    /// `PRBranchInfo`.
    private func branch(_ ref: String, sha: String, in repository: ForgeRepository) -> ForgeJSON {
        .object([
            ("label", .string(ref)), ("ref", .string(ref)), ("sha", .string(sha)), ("repo_id", .int(repository.id)),
            ("repo", self.repository(repository)),
        ])
    }

    func status(_ status: ForgeStatus, in repository: ForgeRepository) -> ForgeJSON {
        let created = ForgeFormat.timestamp(status.createdAt)
        return .object([
            ("id", .int(status.id)), ("status", .string(status.state)), ("target_url", .string(status.targetURL ?? "")),
            ("description", .string(status.description ?? "")),
            ("url", .string("\(api)/repos/\(repository.fullName)/statuses/\(status.sha)")),
            ("context", .string(status.context)), ("creator", user(status.creator)), ("created_at", .string(created)),
            ("updated_at", .string(created)),
        ])
    }

    func combinedStatus(for sha: String, in repository: ForgeRepository) -> ForgeJSON {
        let latest = repository.latestStatuses(for: sha)
        return .object([
            ("state", .string(repository.combinedState(for: sha))), ("sha", .string(sha)),
            ("total_count", .int(latest.count)), ("statuses", .array(latest.map { status($0, in: repository) })),
            ("repository", self.repository(repository)),
            ("commit_url", .string("\(api)/repos/\(repository.fullName)/commits/\(sha)")),
            ("url", .string("\(api)/repos/\(repository.fullName)/commits/\(sha)/status")),
        ])
    }
}
