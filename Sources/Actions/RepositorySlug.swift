/// A repository named `owner/name`, as in `GITHUB_REPOSITORY`.
public struct RepositorySlug: Sendable, Hashable, CustomStringConvertible {
    /// The owning user or organisation.
    public let owner: String
    /// The repository's name.
    public let name: String

    /// Parses `owner/name`.
    ///
    /// Both parts must be non-empty and made of letters, digits, `-`, `_` and `.` (the characters both
    /// GitHub and Gitea allow), and neither may be `.` or `..`.
    ///
    /// - Parameters:
    ///   - text: the value to parse.
    ///   - variable: the environment variable it came from, named in the error.
    /// - Throws: ``ActionsEnvironmentError`` with code ``ActionsEnvironmentError/Code/malformedValue``.
    public init(parsing text: String, from variable: String = "GITHUB_REPOSITORY") throws(ActionsEnvironmentError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, parts.allSatisfy(Self.isValidComponent) else {
            throw ActionsEnvironmentError(
                .malformedValue, variable: variable,
                message: """
                    \(variable) is "\(text)", which is not a repository in the form owner/name \
                    (letters, digits, '-', '_' and '.' on each side of one '/'). \
                    Set it to the repository Conveyor works on, for example octo-org/hello-world.
                    """)
        }
        owner = parts[0]
        name = parts[1]
    }

    /// `owner/name`.
    public var description: String { "\(owner)/\(name)" }

    private static func isValidComponent(_ component: String) -> Bool {
        guard !component.isEmpty, component != ".", component != ".." else { return false }
        return component.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "-_.".unicodeScalars.contains(scalar))
        }
    }
}
