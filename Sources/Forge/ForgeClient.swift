import Actions

/// Typed calls to one repository on GitHub or Gitea: what a Conveyor run reads and changes.
///
/// Create one with ``ForgeClients/make(kind:apiURL:repository:token:configuration:)``. Every call
/// goes through ``HTTP/HTTPClient`` with its retry policy (5xx, 429, dropped connections and rate
/// limits are retried with backoff), and lists are fetched page by page to the end. Every failure
/// is a ``ForgeError`` whose description never contains the token.
public protocol ForgeClient: PermissionLookup {

    /// The repository's facts, such as its default branch.
    func repositoryInfo() async throws(ForgeError) -> RepositoryInfo

    /// Issue (or pull request) `number`.
    func issue(_ number: Int) async throws(ForgeError) -> Issue

    /// Every comment on issue `number`, oldest first.
    func comments(onIssue number: Int) async throws(ForgeError) -> [IssueComment]

    /// Posts a comment on issue `number`.
    func createComment(onIssue number: Int, body: String) async throws(ForgeError) -> IssueComment

    /// Replaces the body of comment `id`.
    func updateComment(id: Int, body: String) async throws(ForgeError) -> IssueComment

    /// The labels on issue `number`.
    func labels(onIssue number: Int) async throws(ForgeError) -> [Label]

    /// Adds labels to issue `number` by name and returns the issue's labels afterwards. GitHub creates
    /// a label the repository lacks; Gitea may not, so create Conveyor's labels in the repository first.
    func addLabels(_ names: [String], toIssue number: Int) async throws(ForgeError) -> [Label]

    /// Removes the label named `name` (compared without case) from issue `number`. Removing a label
    /// that is not there succeeds, so the call can be repeated safely.
    func removeLabel(_ name: String, fromIssue number: Int) async throws(ForgeError)

    /// The pull requests in `state`, newest first; with `head`, only those from that branch of this
    /// repository.
    func pullRequests(head: String?, state: PullRequestStateFilter) async throws(ForgeError) -> [PullRequest]

    /// Opens a pull request.
    func createPullRequest(_ pullRequest: NewPullRequest) async throws(ForgeError) -> PullRequest

    /// Pull request `number`.
    func pullRequest(_ number: Int) async throws(ForgeError) -> PullRequest

    /// Changes the title, body or state of pull request `number`.
    func updatePullRequest(_ number: Int, _ update: PullRequestUpdate) async throws(ForgeError) -> PullRequest

    /// Posts a commit status for `sha`.
    func createStatus(_ status: NewCommitStatus, sha: String) async throws(ForgeError) -> CommitStatus

    /// The combined status of `ref` (a SHA, branch or tag).
    func combinedStatus(ref: String) async throws(ForgeError) -> CombinedStatus

    /// The check runs of `ref` (GitHub's Checks API); none on a forge without them (Gitea).
    func checkRuns(ref: String) async throws(ForgeError) -> [CheckRun]

    /// The account the token acts as (`GET /user`), or nil when the forge will not say: GitHub answers 403 to
    /// a GitHub App installation token (and to the Actions `GITHUB_TOKEN`), since those are not users.
    func currentUser() async throws(ForgeError) -> Account?

    /// Starts workflow `workflow` (file name such as `conveyor.yml`, or numeric id) on `ref` with `inputs`.
    func dispatchWorkflow(_ workflow: String, ref: String, inputs: [String: String]) async throws(ForgeError)

    // MARK: - Issues, milestones and tags (the release train, the heartbeat)

    /// The open issues (not pull requests) that carry every label in `labels` (none: all), by number, every page.
    func openIssues(labels: [String]) async throws(ForgeError) -> [Issue]

    /// Opens an issue titled `title`, never twice: when the answer is lost, the open issue of that title is used.
    func createIssue(title: String, body: String) async throws(ForgeError) -> Issue

    /// Changes the title or body of issue `number` (GitHub `PATCH …/issues/{issue_number}`, Gitea
    /// `PATCH …/issues/{index}`) and returns the issue afterwards. Sending the same update again changes nothing,
    /// so the call can be retried; callers compare with ``issue(_:)`` first to avoid a write that changes nothing.
    func updateIssue(_ number: Int, _ update: IssueUpdate) async throws(ForgeError) -> Issue

    /// Every milestone of the repository, open and closed.
    func milestones() async throws(ForgeError) -> [Milestone]

    /// Creates the milestone `title`, never twice: when the answer is lost, the milestone of that title is used.
    /// Both forges allow two milestones of one title, so callers look it up in ``milestones()`` first.
    func createMilestone(title: String, description: String) async throws(ForgeError) -> Milestone

    /// Every tag of the repository.
    func tags() async throws(ForgeError) -> [RepositoryTag]
}
