import GRDB

extension StateDatabase {
    /// Runs `PRAGMA integrity_check` and `PRAGMA foreign_key_check` and reports what they found.
    ///
    /// The checks run outside a transaction, because a transaction that met a malformed page cannot
    /// commit. When SQLite stops a check on a page it cannot read, the rows reported so far are kept and
    /// the stop itself becomes a problem, so `conveyor state verify` prints it like any other finding.
    ///
    /// - Throws: ``StoreError`` when the checks could not run at all (closed database, I/O failure).
    public func integrityCheck() async throws -> IntegrityReport {
        try ensureOpen()
        return try await StoreError.converting(operation: "check the integrity of", path: filePath) {
            try await queue.unsafeRead { db in
                let structure = try collectProblems(db, sql: "PRAGMA integrity_check", kind: .structure) { row in
                    let line: String = row[0]
                    return line == "ok" ? nil : line
                }
                let foreignKeys = try collectProblems(db, sql: "PRAGMA foreign_key_check", kind: .foreignKey) { row in
                    let table: String = row[0]
                    let rowID: Int64? = row[1]
                    let parent: String = row[2]
                    return "\(table) \(rowID.map { "row \($0)" } ?? "a row") refers to a missing row of \(parent)"
                }
                return IntegrityReport(problems: structure + foreignKeys)
            }
        }
    }
}

/// Runs one check pragma and turns each row into a problem (nil rows are not problems).
///
/// A malformed-database error in the middle of the pragma ends the list with one more problem that
/// quotes SQLite, instead of discarding what was already found.
private func collectProblems(
    _ db: Database, sql: String, kind: IntegrityReport.Problem.Kind, describe: (Row) -> String?
) throws -> [IntegrityReport.Problem] {
    var problems: [IntegrityReport.Problem] = []
    do {
        let rows = try Row.fetchCursor(db, sql: sql)
        while let row = try rows.next() {
            if let detail = describe(row) { problems.append(.init(kind: kind, detail: detail)) }
        }
    } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
        let detail = "SQLite stopped `\(sql)` on a malformed page: \(error.message ?? "no message")"
        problems.append(.init(kind: .structure, detail: detail))
    }
    return problems
}
