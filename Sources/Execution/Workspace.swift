import Foundation
import Git

/// The repository checkout a stage works in, on its work branch.
///
/// The checkout at `GITHUB_WORKSPACE` is reused when it is a clone of the same repository (as
/// `actions/checkout` leaves it); otherwise the repository is cloned with libgit2 from
/// `$GITHUB_SERVER_URL/$GITHUB_REPOSITORY.git`. Either way the work branch is fetched from the remote when it
/// exists there (a rerun builds on what was published) and otherwise starts at the default branch.
///
/// A reused checkout is neutralised first: the credentials a checkout step persisted in its git configuration
/// (`http.*.extraheader`, `credential.*`, `url.*.insteadOf`, includes) are removed before the agent can read them
/// (``neutralisedSettings``). Every fetch and push goes to ``remote`` by URL with Conveyor's own credentials.
public struct Workspace: Sendable {
    /// The repository.
    public let repository: Repository
    /// The work tree's root.
    public var root: URL { repository.location }
    /// The remote every fetch and push goes to.
    public let remote: URL
    /// The branch the work starts from, e.g. `main`.
    public let baseBranch: String
    /// The work branch, e.g. `conveyor/12-add-login`.
    public let workBranch: String
    /// The commit the work branch pointed at before the agent ran.
    public let startCommit: ObjectID
    /// True when the work branch already existed on the remote.
    public let workBranchExisted: Bool
    /// The credential settings removed from a reused checkout's configuration (names, never values); empty for a
    /// fresh clone or a clean checkout.
    public var neutralisedSettings: [String] = []

    /// Prepares the work tree.
    ///
    /// - Parameters:
    ///   - existingCheckout: `GITHUB_WORKSPACE`, reused when it is a git repository.
    ///   - cloneDirectory: where to clone when there is no reusable checkout.
    ///   - log: receives the clone's progress (objects and bytes received) while it runs.
    public static func prepare(
        remote: URL, credentials: Credentials, baseBranch: String, workBranch: String, existingCheckout: URL?,
        cloneDirectory: URL, log: RunLog? = nil
    ) async throws -> Workspace {
        let repository: Repository
        var neutralised: [String] = []
        let baseRef = "refs/remotes/origin/\(baseBranch)"
        let workRef = "refs/remotes/origin/\(workBranch)"
        if let existingCheckout, let opened = try? await Repository.open(at: existingCheckout), await !opened.isBare {
            repository = opened
            neutralised = try await opened.removePersistedCredentials()
            try await repository.fetch(
                from: remote,
                refspecs: ["+refs/heads/\(baseBranch):\(baseRef)", "+refs/heads/\(workBranch):\(workRef)"],
                credentials: credentials)
        } else {
            // Only the two branches the work needs, in the clone's one transfer: not the state branch's history nor
            // every other job's work branch. libgit2's transfer callback reports the figures; at most one job-log
            // line per progress interval.
            repository = try await Repository.clone(
                from: remote, to: cloneDirectory, credentials: credentials, branch: baseBranch,
                fetching: [baseBranch, workBranch],
                progress: log.map { log in
                    let start = ContinuousClock.now
                    return TransferProgressReporter(every: log.progressInterval) { figures in
                        Task { await log.progress(step: "clone", elapsed: .now - start, detail: "\(figures)") }
                    }
                })
        }
        let existed = try await repository.resolve(workRef) != nil
        let reused = repository.location.standardizedFileURL != cloneDirectory.standardizedFileURL
        let start: ObjectID
        if reused {
            // One pass over the work tree: switch and remove what an earlier job left (see removeLeftovers).
            start = try await switchAndClean(repository, to: workBranch, from: existed ? workRef : baseRef)
        } else {
            start = try await repository.switchBranch(workBranch, to: existed ? workRef : baseRef)
        }
        var workspace = Workspace(
            repository: repository, remote: remote, baseBranch: baseBranch, workBranch: workBranch,
            startCommit: start, workBranchExisted: existed)
        workspace.neutralisedSettings = neutralised
        return workspace
    }
}

extension Workspace {
    /// Switches a reused checkout to `branch` at `ref` and, in the same pass, empties it of everything an earlier
    /// job left in it: untracked and ignored files and directories go (`git clean -ffdx`), tracked files are reset
    /// to the commit the work starts from. `.git` is left alone. The agent then works on exactly that commit.
    ///
    /// - Throws: ``WorkspaceError`` naming the checkout and what could not be removed (a root-owned leftover, say)
    ///   when the tree cannot be made clean; the job fails before the agent starts.
    static func switchAndClean(_ repository: Repository, to branch: String, from ref: String) async throws -> ObjectID {
        do {
            return try await repository.switchBranch(branch, to: ref, cleaning: true)
        } catch let error as GitError where error.code == .notFound {
            throw error
        } catch {
            throw WorkspaceError(
                "The reused checkout at \(repository.location.path) holds files an earlier job left that cannot be "
                    + "removed, so the agent would not start on a clean tree: \(error). Remove them (or give the "
                    + "job a fresh checkout) and run the job again.")
        }
    }
}

/// A work tree that cannot be made ready for the agent, with what to do.
public struct WorkspaceError: Error, CustomStringConvertible {
    /// A full sentence.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
