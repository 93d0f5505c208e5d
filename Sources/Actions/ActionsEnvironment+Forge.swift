import Foundation

extension ActionsEnvironment {
    /// The REST path suffix of Gitea and Forgejo.
    static let giteaAPISuffix = "/api/v1"
    /// github.com's web address, used when `GITHUB_SERVER_URL` is absent on GitHub.
    static let gitHubServer = "https://github.com"
    /// github.com's REST address, used when `GITHUB_API_URL` is absent on GitHub.
    static let gitHubAPI = "https://api.github.com"

    /// Gitea when `GITEA_ACTIONS=true` or the API URL ends in `/api/v1`; GitHub otherwise (including GHES,
    /// whose API URL ends in `/api/v3`).
    static func detectForge(_ read: VariableReader) -> ForgeKind {
        if read.flag("GITEA_ACTIONS") { return .gitea }
        if let api = read.trimmed("GITHUB_API_URL"), withoutTrailingSlashes(api).hasSuffix(giteaAPISuffix) {
            return .gitea
        }
        return .github
    }

    static func resolveServerURL(_ read: VariableReader, forge: ForgeKind) -> Result<URL, ActionsEnvironmentError> {
        if let text = read.trimmed("GITHUB_SERVER_URL") {
            return webURL(text, variable: "GITHUB_SERVER_URL")
        }
        switch forge {
        case .github:
            return webURL(gitHubServer, variable: "GITHUB_SERVER_URL")
        case .gitea:
            return .failure(
                ActionsEnvironmentError(
                    .missingVariable, variable: "GITHUB_SERVER_URL",
                    message: """
                        GITHUB_SERVER_URL is not set, and Gitea has no default address. \
                        Set it to the instance's root URL, for example https://gitea.example.com.
                        """))
        }
    }

    static func resolveAPIURL(
        _ read: VariableReader, forge: ForgeKind, serverURL: Result<URL, ActionsEnvironmentError>
    ) -> Result<URL, ActionsEnvironmentError> {
        if let text = read.trimmed("GITHUB_API_URL") {
            return webURL(text, variable: "GITHUB_API_URL")
        }
        switch forge {
        case .github:
            return webURL(gitHubAPI, variable: "GITHUB_API_URL")
        case .gitea:
            return serverURL.flatMap { server in
                webURL(server.absoluteString + giteaAPISuffix, variable: "GITHUB_API_URL")
            }.mapError { cause in
                ActionsEnvironmentError(
                    cause.code, variable: cause.variable,
                    message: "GITHUB_API_URL is not set, so it is derived from GITHUB_SERVER_URL, which failed: "
                        + cause.message)
            }
        }
    }

    /// Parses an absolute `http`/`https` URL with a host, dropping trailing slashes.
    static func webURL(_ text: String, variable: String) -> Result<URL, ActionsEnvironmentError> {
        guard !text.contains("@") else {
            // Never echo a value that may carry credentials (https://user:token@host).
            return .failure(
                ActionsEnvironmentError(
                    .malformedValue, variable: variable,
                    message: """
                        \(variable) contains '@', as a URL with credentials would; it is not shown here. \
                        Set it to \(example(for: variable)), and pass the token in CONVEYOR_TOKEN instead.
                        """))
        }
        let trimmed = withoutTrailingSlashes(text)
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", url.host?.isEmpty == false
        else {
            return .failure(
                ActionsEnvironmentError(
                    .malformedValue, variable: variable,
                    message: """
                        \(variable) is "\(text)", which is not an http(s) URL with a host. \
                        Set it to \(example(for: variable)).
                        """))
        }
        return .success(url)
    }

    private static func example(for variable: String) -> String {
        variable == "GITHUB_API_URL"
            ? "the forge's REST base, for example https://api.github.com or https://gitea.example.com/api/v1"
            : "the forge's web address, for example https://github.com or https://gitea.example.com"
    }

    private static func withoutTrailingSlashes(_ text: String) -> String {
        var text = Substring(text)
        while text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }
}
