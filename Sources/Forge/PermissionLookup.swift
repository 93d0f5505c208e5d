import Actions

/// Reads collaborators' permissions on one repository: all ``Authorizer`` needs from a forge.
public protocol PermissionLookup: Sendable {
    /// The forge this client speaks to.
    var kind: ForgeKind { get }
    /// The repository every call is about.
    var repository: RepositorySlug { get }

    /// `login`'s permission on the repository; a 404 (not a collaborator, or no such user) is
    /// ``PermissionLevel/none``.
    func permission(of login: String) async throws(ForgeError) -> PermissionLevel
}
