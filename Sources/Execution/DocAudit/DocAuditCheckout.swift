import Forge
import Foundation
import Git
import Pipeline

/// A fresh clone with a pull request's head checked out, the paths it changes (from real history: the merge base
/// of base and head to the head, computed with libgit2), and the pipeline configuration of the base branch.
///
/// The head is fetched from the base repository as `refs/pull/<N>/head` (both GitHub and Gitea keep it, for forks
/// too), or as the head branch when the pull request is from the repository itself. Nothing is pushed. A reused
/// `GITHUB_WORKSPACE` is not used: it may be shallow, and on a fork's pull request it holds the fork's files.
struct DocAuditCheckout {
    /// The work tree, at ``head``.
    let root: URL
    /// The audited commit.
    let head: ObjectID
    /// The base branch's tip.
    let baseTip: ObjectID
    /// Paths changed between the merge base and the head, sorted.
    let changedPaths: [String]
    /// The configuration read from the base branch's `.conveyor/config.yml` (the defaults when it has none).
    let configuration: PipelineConfiguration

    /// The local reference the head is fetched into.
    static func headReference(_ number: Int) -> String { "refs/remotes/origin/pull/\(number)/head" }

    /// Clones `remote` into `directory`, fetches the base branch and the head, and checks the head out.
    ///
    /// - Parameter eventHeadSHA: the head the event named; audited when the fetch brought it, else the fetched tip.
    /// - Throws: ``DocAuditJobError`` when neither the event's head nor the pull request's head can be fetched;
    ///   ``Pipeline/ConfigurationError`` when the base branch's configuration is invalid.
    static func prepare(
        remote: URL, credentials: Credentials, pullRequest pull: PullRequest, eventHeadSHA: String?,
        directory: URL
    ) async throws -> DocAuditCheckout {
        let repository = try await Repository.clone(from: remote, to: directory, credentials: credentials)
        let baseRef = "refs/remotes/origin/\(pull.base)"
        var refspecs = [
            "+refs/heads/\(pull.base):\(baseRef)", "+refs/pull/\(pull.number)/head:\(headReference(pull.number))",
        ]
        if !pull.isFromFork { refspecs.append("+refs/heads/\(pull.head):refs/remotes/origin/\(pull.head)") }
        try await repository.fetch(from: remote, refspecs: refspecs, credentials: credentials)
        guard let baseTip = try await repository.resolve(baseRef) else {
            throw DocAuditJobError(
                "The base branch `\(pull.base)` of pull request #\(pull.number) is not on the remote; nothing was "
                    + "audited.")
        }
        let candidates =
            [eventHeadSHA, pull.headSHA.isEmpty ? nil : pull.headSHA].compactMap { $0 }
            + [headReference(pull.number), "refs/remotes/origin/\(pull.head)"]
        var head: ObjectID?
        for candidate in candidates {
            if let found = try? await repository.resolve(candidate) {
                head = found
                break
            }
        }
        guard let head else {
            throw DocAuditJobError(
                "The head of pull request #\(pull.number) (\(eventHeadSHA ?? pull.headSHA)) could not be fetched "
                    + "from `refs/pull/\(pull.number)/head` or `\(pull.head)`; nothing was audited. Run the job "
                    + "again once the forge has the pull request's ref.")
        }
        let configuration = try await baseConfiguration(repository, baseRef: baseRef)
        let mergeBase = try await repository.mergeBase(baseRef, head.description)
        let changed = try await repository.changedPaths(
            from: (mergeBase ?? baseTip).description, to: head.description)
        try await repository.switchBranch("conveyor-doc-audit", to: head.description)
        return DocAuditCheckout(
            root: directory, head: head, baseTip: baseTip, changedPaths: changed, configuration: configuration)
    }

    /// `.conveyor/config.yml` of the base branch, never of the head.
    private static func baseConfiguration(_ repository: Repository, baseRef: String) async throws
        -> PipelineConfiguration
    {
        guard let data = try await repository.readBlob(at: baseRef, path: PipelineConfiguration.relativePath) else {
            return .default
        }
        return try PipelineConfiguration.parse(String(decoding: data, as: UTF8.self))
    }
}
