import GRDB

extension StoreError {
    /// Converts any error thrown while using the database into a ``StoreError``.
    ///
    /// GRDB's `DatabaseError` becomes a ``StoreError`` whose code follows SQLite's primary result code and
    /// whose message names `operation` and the file. Its bound arguments are dropped. A ``StoreError`` passes
    /// through unchanged, and so does any other error (one thrown by a caller's closure).
    ///
    /// - Parameters:
    ///   - error: what was thrown.
    ///   - operation: what was being done, as a phrase ("open", "write", "integrity check").
    ///   - path: the database file, or nil for an in-memory database.
    static func wrapping(_ error: any Error, operation: String, path: String?) -> any Error {
        guard let databaseError = error as? DatabaseError else { return error }
        let code = code(for: databaseError.resultCode)
        let detail =
            "SQLite error \(databaseError.extendedResultCode.rawValue): \(databaseError.message ?? "no message")"
        let message = Messages.failure(operation: operation, path: path, code: code, detail: detail)
        return StoreError(
            code, message: message, path: path, sqliteResultCode: databaseError.extendedResultCode.rawValue,
            sql: databaseError.sql
        )
    }

    /// Runs `body` and converts whatever it throws with ``wrapping(_:operation:path:)``.
    static func converting<T>(operation: String, path: String?, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw wrapping(error, operation: operation, path: path)
        }
    }

    /// Async form of ``converting(operation:path:_:)``.
    static func converting<T>(
        operation: String, path: String?, _ body: () async throws -> T
    ) async throws -> T {
        do {
            return try await body()
        } catch {
            throw wrapping(error, operation: operation, path: path)
        }
    }

    private static func code(for resultCode: ResultCode) -> Code {
        switch resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: .corrupt
        case .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_PERM, .SQLITE_READONLY: .io
        case .SQLITE_BUSY, .SQLITE_LOCKED: .busy
        case .SQLITE_CONSTRAINT: .constraint
        default: .sqlite
        }
    }
}
