import Actions
import Foundation

/// The web address of a file on a branch, in the form the forge itself documents, per dialect.
///
/// - GitHub: `<repository page>/blob/<branch>/<path>`
///   ([docs](https://docs.github.com/en/repositories/working-with-files/using-files/getting-permanent-links-to-files)).
/// - Gitea and Forgejo: `<repository page>/src/branch/<branch>/<path>` (the form Gitea's own file view links to;
///   `/blob/` there means a git blob by SHA and does not open a file on a branch).
///
/// The repository page comes from the forge's own answer (`html_url` of `GET /repos/{owner}/{repo}`), so a forge
/// under a sub-path or on another host than the API is linked correctly. Every segment of the branch and of the
/// path is percent-encoded on its own, so `/` still separates segments and `#`, `?`, `%`, spaces and non-ASCII
/// letters cannot end the path early or change its meaning.
public enum ArtifactLink {
    /// The link to `path` on `branch` in the repository whose page is `repositoryPage`.
    ///
    /// ```swift
    /// ArtifactLink.url(repositoryPage: page, dialect: .gitea, branch: "conveyor/1-añadir", path: "docs/a b.md")
    /// // "<page>/src/branch/conveyor/1-a%C3%B1adir/docs/a%20b.md"
    /// ```
    public static func url(repositoryPage: URL, dialect: ForgeKind, branch: String, path: String) -> String {
        let page =
            repositoryPage.absoluteString.hasSuffix("/")
            ? String(repositoryPage.absoluteString.dropLast()) : repositoryPage.absoluteString
        let route =
            switch dialect {
            case .github: "blob"
            case .gitea: "src/branch"
            }
        return "\(page)/\(route)/\(encodedSegments(branch))/\(encodedSegments(path))"
    }

    /// Characters left as they are inside one path segment: RFC 3986 `unreserved` plus the sub-delimiters forges
    /// keep literally in file links.
    private static let segmentCharacters = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$'()*+,;=:@")

    /// `text` split on `/`, each segment percent-encoded, joined with `/` again.
    static func encodedSegments(_ text: String) -> String {
        text.split(separator: "/", omittingEmptySubsequences: false).map {
            $0.addingPercentEncoding(withAllowedCharacters: segmentCharacters) ?? ""
        }.joined(separator: "/")
    }
}
