import Foundation
import GRDB
public import Store

extension StateDatabase {
    /// Every row of every table as JSON lines, `{"table":"runs","row":{…}}`, tables by name and rows in their
    /// storage order. Blobs are base64 text; keys are sorted, so two exports of the same file are identical.
    public func exportJSONLines() async throws -> [String] {
        try await read { db in
            let tables = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            var lines: [String] = []
            for table in tables {
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier)")
                while let row = try rows.next() {
                    var object: [String: Any] = [:]
                    for (column, value) in row { object[column] = Self.jsonValue(value) }
                    let line = try JSONSerialization.data(
                        withJSONObject: ["table": table, "row": object],
                        options: [.sortedKeys, .withoutEscapingSlashes])
                    lines.append(String(decoding: line, as: UTF8.self))
                }
            }
            return lines
        }
    }

    private static func jsonValue(_ value: DatabaseValue) -> Any {
        switch value.storage {
        case .null: NSNull()
        case .int64(let number): number
        case .double(let number): number
        case .string(let text): text
        case .blob(let data): data.base64EncodedString()
        }
    }
}
