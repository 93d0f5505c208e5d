import Actions
import Foundation
import HTTP

/// Creates the ``ForgeClient`` for a forge: a ``ForgeRESTClient`` speaking its ``ForgeRESTDialect``.
public enum ForgeClients {
    /// A client for `repository` on the forge of `kind`.
    ///
    /// - Parameters:
    ///   - kind: GitHub or Gitea.
    ///   - apiURL: the REST base (`GITHUB_API_URL`).
    ///   - repository: the repository to work on.
    ///   - token: the forge token; it leaves the process only in the `Authorization` header.
    ///   - configuration: timeouts and retry policy; the default retries 5xx, 429 and dropped
    ///     connections up to four attempts. Its authorization is replaced.
    public static func make(
        kind: ForgeKind, apiURL: URL, repository: RepositorySlug, token: Secret,
        configuration: HTTPClient.Configuration = .init()
    ) -> any ForgeClient {
        ForgeRESTClient(
            dialect: .of(kind), apiURL: apiURL, repository: repository, token: token, configuration: configuration)
    }

    /// A client for the run's repository, forge and API from the Actions environment.
    ///
    /// - Throws: ``ActionsEnvironmentError`` when the repository or API URL is missing or malformed, or
    ///   when no token is set (code `missingVariable`, naming the variables to set).
    public static func make(
        environment: ActionsEnvironment, configuration: HTTPClient.Configuration = .init()
    ) throws(ActionsEnvironmentError) -> any ForgeClient {
        let repository = try environment.repository
        let apiURL = try environment.apiURL
        guard let token = environment.token else {
            let names = ActionsEnvironment.tokenVariables.joined(separator: ", ")
            throw ActionsEnvironmentError(
                .missingVariable, variable: ActionsEnvironment.tokenVariables[0],
                message: """
                    No forge token is set. Set one of \(names), for example \
                    `CONVEYOR_TOKEN: ${{ secrets.GITHUB_TOKEN }}` in the step's env.
                    """)
        }
        return make(
            kind: environment.forge, apiURL: apiURL, repository: repository, token: token,
            configuration: configuration)
    }
}
