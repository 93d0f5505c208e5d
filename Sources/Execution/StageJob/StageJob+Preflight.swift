import Agents
import Forge
import Foundation
import Pipeline

/// What a job lacks to do its stage, found before it claims anything: each entry names one missing permission,
/// credential or program and how to provide it.
public struct PreflightFailure: Error, CustomStringConvertible {
    /// One sentence per missing thing.
    public let missing: [String]

    public var description: String {
        "This job cannot do its stage, so nothing was claimed and no agent ran:\n"
            + missing.map { "- \($0)" }.joined(separator: "\n")
    }
}

extension StageJob {
    /// Checks, before the claim, that the token may do what the stage will do and that the agent can start.
    ///
    /// - The token: `GET /repos/{owner}/{repo}` reports the token's own `permissions` on both forges; a stage
    ///   pushes its work branch and writes the pull request, the status comment, labels and a commit status, all
    ///   of which need `push`, so a read-only answer (``RepositoryPermissions/isReadOnly``) is refused. An answer
    ///   that says nothing — no `permissions` (the local forge), or every flag false (GitHub's answer for a GitHub
    ///   App installation token such as `GITHUB_TOKEN`) — is not second-guessed: such a token's first refused
    ///   write still fails the job.
    /// - The agent: its model credentials (``AgentReadiness/missingKey(for:in:)``) and, for `claude` and `codex`, its
    ///   program.
    ///
    /// - Returns: the repository as the forge described it, for the rest of the run.
    /// - Throws: ``PreflightFailure`` naming everything missing at once; forge errors as they come.
    func preflight() async throws -> RepositoryInfo {
        var missing: [String] = []
        let repository = try await environment.forge.repositoryInfo()
        if let permissions = repository.permissions, permissions.isReadOnly {
            missing.append(
                "The forge token cannot write to \(repository.fullName) (the forge reports `permissions.push: false`"
                    + "): stage \(request.stage.name.rawValue) pushes a branch and writes a pull request, a comment, "
                    + "labels and a commit status. On GitHub give the job `permissions: {contents: write, issues: "
                    + "write, pull-requests: write, statuses: write}`; on Gitea use a token with write access.")
        }
        if let key = AgentReadiness.missingKey(for: environment.agent, in: environment.agentEnvironment) {
            missing.append(key)
        }
        if environment.agent == .claude,
            case .failure(let error) = AgentReadiness.locateClaude(
                environment.claudeExecutable, environment: environment.agentEnvironment)
        {
            missing.append(error.description)
        }
        if environment.agent == .codex,
            case .failure(let error) = AgentReadiness.locateCodex(
                environment.codexExecutable, environment: environment.agentEnvironment)
        {
            missing.append(error.description)
        }
        guard missing.isEmpty else { throw PreflightFailure(missing: missing) }
        return repository
    }
}
