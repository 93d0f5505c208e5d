import Actions
import Foundation

/// The html addresses a local forge gives out: `<base>/<owner>/<repo>/issues/7` when the forge was
/// created with a web base URL, else the forge file's `file://` URL with a fragment (`#issue-7`).
struct LocalForgeLinks: Sendable {
    /// The web base URL from the document, if any.
    let webBaseURL: URL?
    /// The forge's JSON file.
    let file: URL
    /// The repository, for web paths.
    let repository: RepositorySlug
    /// GitHub links pull requests at `pull/N`, Gitea at `pulls/N`.
    let kind: ForgeKind

    /// The repository's page.
    var repositoryPage: String {
        webBaseURL.map { web(base: $0, "") } ?? file.absoluteString
    }

    /// Issue `number`'s page.
    func issue(_ number: Int) -> String {
        link("issues/\(number)", fragment: "issue-\(number)")
    }

    /// Pull request `number`'s page.
    func pullRequest(_ number: Int) -> String {
        link("\(kind == .gitea ? "pulls" : "pull")/\(number)", fragment: "pull-\(number)")
    }

    /// Comment `id` on issue `number`, as both forges link it.
    func comment(_ id: Int, onIssue number: Int) -> String {
        guard let webBaseURL else { return fileLink("comment-\(id)") }
        return web(base: webBaseURL, "/issues/\(number)") + "#issuecomment-\(id)"
    }

    private func link(_ path: String, fragment: String) -> String {
        guard let webBaseURL else { return fileLink(fragment) }
        return web(base: webBaseURL, "/\(path)")
    }

    private func web(base: URL, _ path: String) -> String {
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return "\(text)/\(repository.owner)/\(repository.name)\(path)"
    }

    private func fileLink(_ fragment: String) -> String {
        "\(file.absoluteString)#\(fragment)"
    }
}
