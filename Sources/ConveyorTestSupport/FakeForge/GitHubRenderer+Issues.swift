import Foundation

extension GitHubRenderer {
    func issue(_ issue: ForgeIssue, in repository: ForgeRepository) -> ForgeJSON {
        let api = "\(root)/repos/\(repository.fullName)"
        let kind = issue.pull == nil ? "issues" : "pull"
        var members: [(String, ForgeJSON)] = [
            ("id", .int(issue.id)), ("node_id", .string(ForgeFormat.nodeID("I", issue.id))),
            ("url", .string("\(api)/issues/\(issue.number)")), ("repository_url", .string(api)),
            ("labels_url", .string("\(api)/issues/\(issue.number)/labels{/name}")),
            ("comments_url", .string("\(api)/issues/\(issue.number)/comments")),
            ("events_url", .string("\(api)/issues/\(issue.number)/events")),
            ("html_url", .string("\(root)/\(repository.fullName)/\(kind)/\(issue.number)")),
            ("number", .int(issue.number)), ("state", .string(issue.state)), ("title", .string(issue.title)),
            ("body", .optional(issue.body)), ("user", user(issue.author)),
            ("labels", .array(repository.labels(withIDs: issue.labelIDs).map { label($0, in: repository) })),
            ("assignee", nil), ("assignees", []), ("milestone", nil), ("locked", false),
            ("active_lock_reason", nil), ("comments", .int(repository.comments(onIssue: issue.number).count)),
        ]
        if let pull = issue.pull {
            let html = "\(root)/\(repository.fullName)/pull/\(issue.number)"
            members.append(
                (
                    "pull_request",
                    .object([
                        ("url", .string("\(api)/pulls/\(issue.number)")), ("html_url", .string(html)),
                        ("diff_url", .string("\(html).diff")), ("patch_url", .string("\(html).patch")),
                        ("merged_at", pull.merged ? .string(ForgeFormat.timestamp(issue.updatedAt)) : nil),
                    ])
                ))
        }
        members += [
            ("closed_at", issue.state == "closed" ? .string(ForgeFormat.timestamp(issue.updatedAt)) : nil),
            ("created_at", .string(ForgeFormat.timestamp(issue.createdAt))),
            ("updated_at", .string(ForgeFormat.timestamp(issue.updatedAt))),
            ("author_association", .string(association(of: issue.author, in: repository))),
        ]
        return .object(members)
    }

    func pull(_ issue: ForgeIssue, in repository: ForgeRepository, listed: Bool) -> ForgeJSON {
        let pull =
            issue.pull ?? ForgePull(number: issue.number, head: "", base: "", headSHA: "", merged: false, draft: false)
        let api = "\(root)/repos/\(repository.fullName)"
        let html = "\(root)/\(repository.fullName)/pull/\(issue.number)"
        let closedAt: ForgeJSON = issue.state == "closed" ? .string(ForgeFormat.timestamp(issue.updatedAt)) : nil
        let links: [(String, String)] = [
            ("self", "\(api)/pulls/\(issue.number)"), ("html", html), ("issue", "\(api)/issues/\(issue.number)"),
            ("comments", "\(api)/issues/\(issue.number)/comments"),
            ("review_comments", "\(api)/pulls/\(issue.number)/comments"),
            ("review_comment", "\(api)/pulls/comments{/number}"), ("commits", "\(api)/pulls/\(issue.number)/commits"),
            ("statuses", "\(api)/statuses/\(pull.headSHA)"),
        ]
        var members: [(String, ForgeJSON)] = [
            ("url", .string("\(api)/pulls/\(issue.number)")), ("id", .int(issue.id)),
            ("node_id", .string(ForgeFormat.nodeID("PR", issue.id))), ("html_url", .string(html)),
            ("diff_url", .string("\(html).diff")), ("patch_url", .string("\(html).patch")),
            ("issue_url", .string("\(api)/issues/\(issue.number)")),
            ("commits_url", .string("\(api)/pulls/\(issue.number)/commits")),
            ("review_comments_url", .string("\(api)/pulls/\(issue.number)/comments")),
            ("review_comment_url", .string("\(api)/pulls/comments{/number}")),
            ("comments_url", .string("\(api)/issues/\(issue.number)/comments")),
            ("statuses_url", .string("\(api)/statuses/\(pull.headSHA)")), ("number", .int(issue.number)),
            ("state", .string(issue.state)), ("locked", false), ("title", .string(issue.title)),
            ("user", user(issue.author)), ("body", .optional(issue.body)),
            ("labels", .array(repository.labels(withIDs: issue.labelIDs).map { label($0, in: repository) })),
            ("milestone", nil), ("active_lock_reason", nil),
            ("created_at", .string(ForgeFormat.timestamp(issue.createdAt))),
            ("updated_at", .string(ForgeFormat.timestamp(issue.updatedAt))), ("closed_at", closedAt),
            ("merged_at", pull.merged ? closedAt : nil),
            ("merge_commit_sha", pull.merged ? .string(ForgeFormat.sha(for: "merge-\(issue.number)")) : nil),
            ("assignee", nil), ("assignees", []), ("requested_reviewers", []), ("requested_teams", []),
            ("head", branch(pull.head, sha: pull.headSHA, in: repository.fork(owner: pull.headOwner))),
            ("base", branch(pull.base, sha: pull.baseSHA ?? ForgeFormat.sha(for: pull.base), in: repository)),
            ("_links", .object(links.map { ($0.0, .object([("href", .string($0.1))])) })),
            ("author_association", .string(association(of: issue.author, in: repository))), ("auto_merge", nil),
            ("draft", .bool(pull.draft)),
        ]
        if !listed {
            members += [
                ("merged", .bool(pull.merged)), ("mergeable", pull.merged ? nil : true), ("rebaseable", true),
                ("mergeable_state", pull.merged ? "unknown" : "clean"),
                ("merged_by", pull.merged ? user(repository.owner) : nil),
                ("comments", .int(repository.comments(onIssue: issue.number).count)), ("review_comments", 0),
                ("maintainer_can_modify", false), ("commits", 1), ("additions", 10), ("deletions", 2),
                ("changed_files", 1),
            ]
        }
        return .object(members)
    }

    /// A pull request's `head` or `base`.
    private func branch(_ ref: String, sha: String, in repository: ForgeRepository) -> ForgeJSON {
        .object([
            ("label", .string("\(repository.owner):\(ref)")), ("ref", .string(ref)), ("sha", .string(sha)),
            ("user", user(repository.owner)), ("repo", repositoryCore(repository)),
        ])
    }

    func status(_ status: ForgeStatus, in repository: ForgeRepository) -> ForgeJSON {
        let creator = user(status.creator)
        return .object(statusMembers(status, in: repository) + [("creator", creator)])
    }

    func combinedStatus(for sha: String, in repository: ForgeRepository) -> ForgeJSON {
        let api = "\(root)/repos/\(repository.fullName)"
        let latest = repository.latestStatuses(for: sha)
        return .object([
            ("state", .string(repository.combinedState(for: sha))),
            ("statuses", .array(latest.map { .object(statusMembers($0, in: repository)) })),
            ("sha", .string(sha)), ("total_count", .int(latest.count)), ("repository", repositoryCore(repository)),
            ("commit_url", .string("\(api)/commits/\(sha)")), ("url", .string("\(api)/commits/\(sha)/status")),
        ])
    }

    /// The fields `status` and `simple-commit-status` share.
    private func statusMembers(_ status: ForgeStatus, in repository: ForgeRepository) -> [(String, ForgeJSON)] {
        let created = ForgeFormat.timestamp(status.createdAt)
        let id = ForgeFormat.userID(status.creator)
        return [
            ("url", .string("\(root)/repos/\(repository.fullName)/statuses/\(status.sha)")),
            ("avatar_url", .string("\(root)/avatars/u/\(id)?v=4")), ("id", .int(status.id)),
            ("node_id", .string(ForgeFormat.nodeID("SC", status.id))), ("state", .string(status.state)),
            ("description", .string(status.description ?? "")), ("target_url", .string(status.targetURL ?? "")),
            ("context", .string(status.context)), ("created_at", .string(created)), ("updated_at", .string(created)),
        ]
    }
}
