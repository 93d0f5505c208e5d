/// A failure of the state database, with a code to match on and a message that says what to do.
///
/// Messages name the file and the operation. They never contain statement arguments (values bound to
/// `?` placeholders), so a secret that reached a query cannot leak through an error.
///
/// Match on the code:
/// ```swift
/// do { _ = try await StateDatabase.open(at: url) }
/// catch StoreError.Code.schemaTooNew { … }
/// ```
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is. An open set: new codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A short stable name, for logs and JSON output.
        public let name: String

        private init(_ name: String) { self.name = name }

        /// The file holds migrations this binary does not know: a newer `conveyor` wrote it.
        public static let schemaTooNew = Code("schemaTooNew")
        /// The file is not a SQLite database, or SQLite found it malformed.
        public static let corrupt = Code("corrupt")
        /// The file could not be opened, read or written (missing directory, permissions, disk full).
        public static let io = Code("io")
        /// Another connection holds a lock and did not release it within the busy timeout.
        public static let busy = Code("busy")
        /// A constraint refused the change: a duplicate idempotency key, a missing parent row, a CHECK.
        public static let constraint = Code("constraint")
        /// The database was used after ``StateDatabase/close()``.
        public static let closed = Code("closed")
        /// Any other SQLite failure.
        public static let sqlite = Code("sqlite")

        public var description: String { name }

        /// True when `error` is a ``StoreError`` with this code; lets `catch StoreError.Code.busy` work.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? StoreError)?.code == code
        }
    }

    /// What kind of failure this is.
    public let code: Code
    /// A full sentence naming the file, what failed and what to do about it.
    public let message: String
    /// The database file concerned, or nil for an in-memory database.
    public let path: String?
    /// SQLite's extended result code, when the failure came from SQLite.
    public let sqliteResultCode: Int32?
    /// The SQL text that failed, with `?` placeholders and never the bound values.
    public let sql: String?

    /// Creates an error; `message` must already say what to do.
    public init(
        _ code: Code, message: String, path: String? = nil, sqliteResultCode: Int32? = nil, sql: String? = nil
    ) {
        self.code = code
        self.message = message
        self.path = path
        self.sqliteResultCode = sqliteResultCode
        self.sql = sql
    }

    public var description: String {
        guard let sql else { return message }
        return "\(message) (SQL: \(sql))"
    }
}
