extension OpenAPIContract {
    /// The corpus file of the GitHub REST description subset (OpenAPI 3.0.3, 2021-era).
    public static let gitHubCorpusFile = "openapi/github-subset.json"
    /// The corpus file of the Gitea 1.25.3 description subset (Swagger 2.0, base path `/api/v1`).
    public static let giteaCorpusFile = "openapi/gitea-subset.json"

    /// The contract of the GitHub REST subset in the test corpus.
    public static func gitHub() throws -> OpenAPIContract {
        try OpenAPIContract(document: OpenAPIDocument(corpusFile: gitHubCorpusFile))
    }

    /// The contract of the Gitea subset in the test corpus; templates are written without `/api/v1`.
    public static func gitea() throws -> OpenAPIContract {
        try OpenAPIContract(document: OpenAPIDocument(corpusFile: giteaCorpusFile))
    }
}
