import Foundation

/// A GitHub check run a CI system reported on a commit (the fake forge's record of it).
public struct ForgeCheckRun: Sendable, Equatable {
    /// The check run id.
    public let id: Int
    /// The commit it checked.
    public let headSHA: String
    /// Its name, e.g. `test`.
    public let name: String
    /// `queued`, `in_progress` or `completed`.
    public var status: String
    /// `success`, `failure`, … once completed; nil before.
    public var conclusion: String?
    /// The output summary.
    public var summary: String?
    /// When it started.
    public let startedAt: Date
}

extension FakeForge {
    // MARK: - CI reporting on a commit, as a CI system would

    /// Records a check run on `sha` (GitHub's Checks API; the Gitea dialect never shows it). A later run with the
    /// same name on the same commit replaces the earlier one, as `filter=latest` reads it.
    @discardableResult
    public func reportCheckRun(
        sha: String, name: String, status: String, conclusion: String? = nil, summary: String? = nil
    ) async -> Int {
        await state.reportCheckRun(
            owner: owner, repo: repo, sha: sha, name: name, status: status, conclusion: conclusion, summary: summary)
    }

    /// Posts a commit status on `sha` as a CI system would (not through the API, so no request is recorded).
    public func reportStatus(sha: String, state status: String, context: String, description: String? = nil) async {
        await state.reportStatus(
            owner: owner, repo: repo, sha: sha, state: status, context: context,
            description: description)
    }
}

extension ForgeState {
    func reportCheckRun(
        owner: String, repo: String, sha: String, name: String, status: String, conclusion: String?, summary: String?
    ) -> Int {
        let id = makeID()
        _ = withRepository(owner, repo) { repository in
            repository.checkRuns.removeAll { $0.headSHA == sha && $0.name == name }
            repository.checkRuns.append(
                ForgeCheckRun(
                    id: id, headSHA: sha, name: name, status: status, conclusion: conclusion, summary: summary,
                    startedAt: Date()))
        }
        return id
    }

    func reportStatus(owner: String, repo: String, sha: String, state: String, context: String, description: String?) {
        let id = makeID()
        _ = withRepository(owner, repo) { repository in
            repository.statuses.append(
                ForgeStatus(
                    id: id, sha: sha, state: state, context: context, description: description, targetURL: nil,
                    creator: "ci-bot", createdAt: Date()))
        }
    }

    /// `GET /repos/{owner}/{repo}/commits/{ref}/check-runs` (GitHub): the runs whose head is `ref`.
    func listCheckRuns(_ call: ForgeCall, in repository: ForgeRepository) -> ForgeReply {
        let ref = call.match["ref"]
        let runs = repository.checkRuns.filter { $0.headSHA == ref }
        let api = "\((call.renderer as? GitHubRenderer)?.root ?? "")/repos/\(repository.fullName)"
        let rendered: [ForgeJSON] = runs.map { run in
            let started = ForgeFormat.timestamp(run.startedAt)
            return .object([
                ("id", .int(run.id)), ("head_sha", .string(run.headSHA)),
                ("node_id", .string(ForgeFormat.nodeID("CR", run.id))), ("external_id", .string(String(run.id))),
                ("url", .string("\(api)/check-runs/\(run.id)")),
                ("html_url", .string("https://github.com/\(repository.fullName)/runs/\(run.id)")),
                ("details_url", .string("https://ci.example/runs/\(run.id)")), ("status", .string(run.status)),
                ("conclusion", run.conclusion.map(ForgeJSON.string) ?? .null),
                ("started_at", .string(started)),
                ("completed_at", run.status == "completed" ? .string(started) : .null),
                (
                    "output",
                    .object([
                        ("title", run.summary.map(ForgeJSON.string) ?? .null),
                        ("summary", run.summary.map(ForgeJSON.string) ?? .null), ("text", .null),
                        ("annotations_count", .int(0)),
                        ("annotations_url", .string("\(api)/check-runs/\(run.id)/annotations")),
                    ])
                ),
                ("name", .string(run.name)), ("check_suite", .object([("id", .int(run.id + 1))])), ("app", .null),
                ("pull_requests", .array([])),
            ])
        }
        return .json(200, .object([("total_count", .int(rendered.count)), ("check_runs", .array(rendered))]))
    }
}
