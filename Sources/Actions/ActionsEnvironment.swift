public import Foundation

/// The typed view of the GitHub/Gitea Actions runtime environment, read once.
///
/// Variables set to the empty string count as absent (Gitea's runner sets many of them empty).
/// Plain values are optional; values that must be parsed (``repository``, ``serverURL``, ``apiURL``)
/// are throwing properties whose error names the variable and the fix.
///
/// The value is safe to print: ``token`` is a ``Secret``, and no other field holds a secret.
public struct ActionsEnvironment: Sendable {
    /// The variables whose non-empty values are taken as the forge token, in order of precedence.
    public static let tokenVariables = ["CONVEYOR_TOKEN", "GITHUB_TOKEN", "GITEA_TOKEN", "INPUT_TOKEN"]

    /// True when an Actions runner started this process (`GITHUB_ACTIONS` or `GITEA_ACTIONS` is `true`).
    public let isActions: Bool
    /// The forge: Gitea when `GITEA_ACTIONS=true` or the API URL ends in `/api/v1`, else GitHub.
    public let forge: ForgeKind
    /// The triggering event's name (`GITHUB_EVENT_NAME`), e.g. `issues` or `workflow_dispatch`.
    public let eventName: String?
    /// The file holding the event payload (`GITHUB_EVENT_PATH`).
    public let eventPath: URL?
    /// The workflow run's ID (`GITHUB_RUN_ID`), kept as text: it is an identifier, not a quantity.
    public let runID: String?
    /// The attempt number of the run (`GITHUB_RUN_ATTEMPT`, from 1); nil when absent or not a number.
    public let runAttempt: Int?
    /// The login that started the run (`GITHUB_ACTOR`).
    public let actor: String?
    /// The job's working directory, usually the checkout (`GITHUB_WORKSPACE`).
    public let workspace: URL?
    /// The step-outputs file (`GITHUB_OUTPUT`).
    public let outputPath: URL?
    /// The job-summary file (`GITHUB_STEP_SUMMARY`).
    public let summaryPath: URL?
    /// The forge token: the first non-empty of ``tokenVariables``, trimmed of surrounding whitespace.
    public let token: Secret?
    /// The name of the variable ``token`` came from.
    public let tokenSource: String?

    private let parsedRepository: Result<RepositorySlug, ActionsEnvironmentError>
    private let parsedServerURL: Result<URL, ActionsEnvironmentError>
    private let parsedAPIURL: Result<URL, ActionsEnvironmentError>

    /// Reads the environment `variables`; commands get it from ``Settings/actions``, which reads the process's
    /// environment once.
    public init(_ variables: [String: String]) {
        let read = VariableReader(variables)
        isActions = read.flag("GITHUB_ACTIONS") || read.flag("GITEA_ACTIONS")
        forge = Self.detectForge(read)
        eventName = read["GITHUB_EVENT_NAME"]
        eventPath = read.fileURL("GITHUB_EVENT_PATH")
        runID = read["GITHUB_RUN_ID"]
        runAttempt = read["GITHUB_RUN_ATTEMPT"].flatMap { Int($0) }
        actor = read["GITHUB_ACTOR"]
        workspace = read.fileURL("GITHUB_WORKSPACE")
        outputPath = read.fileURL("GITHUB_OUTPUT")
        summaryPath = read.fileURL("GITHUB_STEP_SUMMARY")

        let tokenVariable = Self.tokenVariables.first { read.trimmed($0) != nil }
        tokenSource = tokenVariable
        token = tokenVariable.flatMap { read.trimmed($0) }.map(Secret.init)

        parsedRepository = Self.parseRepository(read)
        parsedServerURL = Self.resolveServerURL(read, forge: forge)
        parsedAPIURL = Self.resolveAPIURL(read, forge: forge, serverURL: parsedServerURL)
    }

    /// The repository the run belongs to (`GITHUB_REPOSITORY`).
    ///
    /// - Throws: ``ActionsEnvironmentError`` when the variable is absent or not `owner/name`.
    public var repository: RepositorySlug {
        get throws(ActionsEnvironmentError) { try parsedRepository.get() }
    }

    /// The forge's web address (`GITHUB_SERVER_URL`, without a trailing `/`); `https://github.com` on
    /// GitHub when the variable is absent.
    ///
    /// - Throws: ``ActionsEnvironmentError`` when it is malformed, or absent on Gitea.
    public var serverURL: URL {
        get throws(ActionsEnvironmentError) { try parsedServerURL.get() }
    }

    /// The REST API base (`GITHUB_API_URL`, without a trailing `/`). When absent: `https://api.github.com`
    /// on GitHub, ``serverURL`` + `/api/v1` on Gitea.
    ///
    /// - Throws: ``ActionsEnvironmentError`` when it is malformed, or cannot be derived.
    public var apiURL: URL {
        get throws(ActionsEnvironmentError) { try parsedAPIURL.get() }
    }

    private static func parseRepository(_ read: VariableReader) -> Result<RepositorySlug, ActionsEnvironmentError> {
        guard let text = read["GITHUB_REPOSITORY"] else {
            return .failure(
                ActionsEnvironmentError(
                    .missingVariable, variable: "GITHUB_REPOSITORY",
                    message: """
                        GITHUB_REPOSITORY is not set. The Actions runner sets it to owner/name; \
                        outside Actions, export GITHUB_REPOSITORY=owner/name.
                        """))
        }
        return Result { () throws(ActionsEnvironmentError) in try RepositorySlug(parsing: text) }
    }
}
