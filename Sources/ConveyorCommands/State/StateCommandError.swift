/// Why a `state` subcommand could not start.
enum StateCommandError: Error, CustomStringConvertible {
    /// No flag or variable names the remote.
    case noRemote
    /// The remote given is not a URL.
    case badRemote(String)
    /// `export --output` was asked for but the branch holds no database yet.
    case nothingToExport(branch: String)

    var description: String {
        switch self {
        case .noRemote:
            """
            No state remote is known. Pass --state-remote URL, set CONVEYOR_STATE_REMOTE, or run inside Actions \
            (GITHUB_SERVER_URL and GITHUB_REPOSITORY name the repository).
            """
        case .badRemote(let text):
            "`\(text)` is not a remote URL; pass one like https://github.com/owner/repo.git."
        case .nothingToExport(let branch):
            "Branch \(branch) holds no state database yet, so there is nothing to export."
        }
    }
}
