import Foundation

/// Turns stored records into one dialect's JSON, with exactly the fields of that dialect's
/// OpenAPI response schema that the fake forge fills in (always including the required ones).
protocol ForgeRenderer: Sendable {
    /// An account; a login ending in `[bot]` is a bot.
    func user(_ login: String) -> ForgeJSON
    func repository(_ repository: ForgeRepository) -> ForgeJSON
    func issue(_ issue: ForgeIssue, in repository: ForgeRepository) -> ForgeJSON
    func comment(_ comment: ForgeComment, in repository: ForgeRepository) -> ForgeJSON
    func label(_ label: ForgeLabel, in repository: ForgeRepository) -> ForgeJSON
    /// A pull request; `listed` picks the shorter form GitHub uses in lists.
    func pull(_ issue: ForgeIssue, in repository: ForgeRepository, listed: Bool) -> ForgeJSON
    func status(_ status: ForgeStatus, in repository: ForgeRepository) -> ForgeJSON
    func combinedStatus(for sha: String, in repository: ForgeRepository) -> ForgeJSON
    func permission(_ level: ForgePermission, of login: String, in repository: ForgeRepository) -> ForgeJSON
    func milestone(_ milestone: ForgeMilestone, in repository: ForgeRepository) -> ForgeJSON
    func tag(_ tag: ForgeTag, in repository: ForgeRepository) -> ForgeJSON
}

/// Formatting shared by both renderers.
enum ForgeFormat {
    /// RFC 3339 in UTC, the timestamp form both forges use.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// A stable, realistic-looking user id derived from the login.
    static func userID(_ login: String) -> Int {
        login.unicodeScalars.reduce(1_000) { ($0 &* 31 &+ Int($1.value)) % 9_000_000 } + 1_000
    }

    /// A GitHub-style GraphQL node id for an object type and database id.
    static func nodeID(_ prefix: String, _ id: Int) -> String {
        "\(prefix)_kwDO\(String(id, radix: 36).uppercased())"
    }

    /// A stable fake commit SHA for a branch name.
    static func sha(for text: String) -> String {
        var state: UInt64 = 0xcbf2_9ce4_8422_2325
        var digits = ""
        while digits.count < 40 {
            for byte in (text + digits).utf8 { state = (state ^ UInt64(byte)) &* 0x100_0000_01b3 }
            digits += String(state, radix: 16)
        }
        return String(digits.prefix(40))
    }
}

extension ForgeRenderer {
    /// The repository's `permissions` object (`admin`, `push`, `pull`) for a token with `level`, the same shape on
    /// both dialects.
    func tokenPermissions(_ level: ForgePermission) -> ForgeJSON {
        .object([
            ("admin", .bool(level == .admin)), ("push", .bool(level == .admin || level == .write)),
            ("pull", .bool(level != .noAccess)),
        ])
    }
}
