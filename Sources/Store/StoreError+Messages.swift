extension StoreError {
    /// The user-facing sentences of the store, kept together so their wording stays consistent.
    enum Messages {
        /// The message for a failed operation, chosen by code so that it names the next step.
        static func failure(operation: String, path: String?, code: Code, detail: String) -> String {
            let file = path.map { "state database \($0)" } ?? "in-memory state database"
            switch code {
            case .corrupt:
                return """
                    \(file) is not a SQLite database or is malformed (\(detail)). \
                    Restore it from the state branch history, or move it aside to start from an empty state.
                    """
            case .io:
                return """
                    Could not \(operation) \(file) (\(detail)). \
                    Check that its directory exists, is writable and has free space.
                    """
            case .busy:
                return """
                    Could not \(operation) \(file): another process holds a lock on it (\(detail)). \
                    Wait for the other conveyor process to finish, then retry.
                    """
            case .constraint:
                return "Could not \(operation) \(file): a constraint refused the change (\(detail))."
            default:
                return "Could not \(operation) \(file) (\(detail))."
            }
        }

        /// The message for a file written by a newer conveyor.
        static func schemaTooNew(path: String?, unknownMigrations: [String]) -> String {
            let file = path ?? "The in-memory state database"
            let list = unknownMigrations.joined(separator: ", ")
            return """
                \(file) was written by a newer conveyor (it has migrations \(list) this binary does not know). \
                Upgrade conveyor to read it; it was not modified.
                """
        }

        /// The message for a database used after it was closed.
        static func closed(path: String?) -> String {
            let file = path.map { "state database \($0)" } ?? "in-memory state database"
            return "The \(file) was already closed. Open it again with StateDatabase.open(at:)."
        }
    }
}
