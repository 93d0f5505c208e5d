import Actions

extension Authorizer {
    /// The sentences of ``AuthorizationDecision/denied(reason:retryable:)``.
    enum Reasons {
        static let noLogin =
            "The event names no sender, so Conveyor cannot check who triggered it and does nothing."

        static func ownEvent(_ login: String) -> String {
            "This is Conveyor's own event: the sender \(login) is the identity of Conveyor's token, and "
                + "Conveyor ignores its own events so that it never triggers itself."
        }

        static func bot(_ login: String) -> String {
            "The sender \(login) is a bot. Conveyor acts only on events from people, so that no automation "
                + "can start agent runs; a person with write access can trigger the stage instead."
        }

        static func insufficient(_ login: String, _ level: PermissionLevel, repository: RepositorySlug) -> String {
            let has = level == .none ? "has no access (none)" : "has \(level) permission"
            return "\(login) \(has) on \(repository), but starting Conveyor requires write, maintain or admin "
                + "permission. A repository admin can grant it in the repository's collaborator settings."
        }

        static func unknown(_ login: String, _ error: ForgeError) -> String {
            let start = "Conveyor could not check whether \(login) may start it, so it does nothing. \(error)"
            return error.isRetryable || error.code == .cancelled ? start + " Rerun the job to try again." : start
        }
    }
}
