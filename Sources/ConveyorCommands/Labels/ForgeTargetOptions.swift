import Actions
import ArgumentParser
import Foundation

/// The flags that name a repository on a forge from outside a job; each falls back to the Actions environment
/// (`GITHUB_REPOSITORY`, `GITHUB_API_URL`, `GITEA_ACTIONS`), and the token always comes from the environment
/// (`CONVEYOR_TOKEN`, `GITHUB_TOKEN`, `GITEA_TOKEN`), never from a flag that would show in `ps`.
struct ForgeTargetOptions: ParsableArguments {
    @Option(help: "The forge: github or gitea (default: detected from the environment).")
    var forge: ForgeKind?

    @Option(help: "The repository as owner/name (default: GITHUB_REPOSITORY).")
    var repository: String?

    @Option(
        name: .customLong("api-url"),
        help:
            "The REST base, e.g. https://api.github.com or https://gitea.example.com/api/v1 (default: GITHUB_API_URL).")
    var apiURL: String?

    /// The process environment with the flags laid over it, read as an Actions environment.
    func environment(_ base: [String: String] = ProcessEnvironment.variables) -> ActionsEnvironment {
        var variables = base
        if let repository { variables["GITHUB_REPOSITORY"] = repository }
        if let apiURL { variables["GITHUB_API_URL"] = apiURL }
        switch forge {
        case .gitea?: variables["GITEA_ACTIONS"] = "true"
        case .github?:
            variables["GITEA_ACTIONS"] = nil
            if apiURL == nil, variables["GITHUB_API_URL"]?.hasSuffix("/api/v1") == true {
                variables["GITHUB_API_URL"] = nil
            }
        case nil: break
        }
        return ActionsEnvironment(variables)
    }
}

extension ForgeKind: ExpressibleByArgument {}
