import GRDB

/// Facts about the SQLite library this binary is linked against (the system `libsqlite3`, through GRDB).
public enum SQLiteLibrary {
    /// The linked library's version in dotted form, for example `"3.40.1"`.
    ///
    /// Derived from `sqlite3_libversion_number()`, so it reports the library loaded at run time,
    /// not the header the binary was compiled against.
    public static var version: String {
        let number = Int(Database.sqliteLibVersionNumber)
        return "\(number / 1_000_000).\(number / 1_000 % 1_000).\(number % 1_000)"
    }
}
