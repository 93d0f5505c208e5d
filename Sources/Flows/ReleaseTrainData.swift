import Actions
import Forge
import Foundation

/// What a train remembers between heartbeats, stored as the `data_json` of its `flows` row: the version, the ids of
/// everything it created (so a later heartbeat edits or reads them instead of creating them again), the readiness
/// map and when each state was entered.
public struct ReleaseTrainData: Codable, Sendable, Equatable {
    /// One team's confirmation: who said `/ready` and when. Once set it never changes.
    public struct Readiness: Codable, Sendable, Equatable {
        /// The lead who confirmed.
        public var by: String
        /// When the comment was read.
        public var at: Date
    }

    /// The version the train releases; `/version` changes it until `/approve`.
    public var version: SemanticVersion
    /// The release the proposal was derived from, if any (e.g. `v2.7.3`).
    public var base: String?
    /// The release issue's number in the workflow's repository.
    public var issue: Int?
    /// The message asking to confirm the version (edited by `/version`).
    public var approvalComment: Int?
    /// The meeting comment.
    public var meetingComment: Int?
    /// The readiness comment (re-rendered on every confirmation).
    public var readinessComment: Int?
    /// The READY_FOR_BRANCH_CUT announcement.
    public var announcementComment: Int?
    /// The milestone number in each repository (`owner/name` → number or Gitea id).
    public var milestones: [String: Int] = [:]
    /// The confirmed teams.
    public var readiness: [String: Readiness] = [:]
    /// The id of the newest comment of the release issue already read; commands are taken from newer ones only.
    public var cursor = 0
    /// Who approved the version.
    public var approvedBy: String?
    /// When each state was entered, by state name.
    public var entered: [String: Date] = [:]

    /// Creates the data of a new train.
    public init(version: SemanticVersion, base: String?) {
        self.version = version
        self.base = base
    }

    /// The JSON text stored in state.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The data stored as `text`; nil when it cannot be read (a damaged row).
    public static func decode(_ text: String) -> ReleaseTrainData? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(ReleaseTrainData.self, from: Data(text.utf8))
    }
}

/// The train's messages: one hidden marker each (so a heartbeat finds what it already posted) and the text.
enum TrainMessages {
    /// `<!-- conveyor:release-train:2026-W49:approval -->`.
    static func marker(_ week: String, _ role: String) -> String {
        "<!-- conveyor:release-train:\(week):\(role) -->"
    }

    /// `Release X.Y.Z`: the release issue's title, following the version.
    static func issueTitle(_ version: SemanticVersion) -> String {
        "Release \(version)"
    }

    static func issueBody(week: String) -> String {
        """
        Release train of week \(week), opened by Conveyor. Commands (first line of a comment): \
        `/version X.Y.Z`, `/approve`, `/done` (or «Провели»), `/ready <team>`.
        """
    }

    static func approval(week: String, data: ReleaseTrainData) -> String {
        let base = data.base.map { "the previous release `\($0)` with the minor version incremented" }
        var lines = [
            marker(week, "approval"), "### Release train \(week): confirm the version", "",
            "Proposed version: **\(data.version)**" + (base.map { " (\($0))" } ?? " (no earlier release found)"),
            "",
        ]
        if let approver = data.approvedBy {
            lines.append("✅ Approved by @\(approver).")
        } else {
            lines.append(
                "Reply `/approve` to start the train with this version, or `/version X.Y.Z` to use another one.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func meeting(week: String, version: SemanticVersion, links: [(String, String)]) -> String {
        var lines = [
            marker(week, "meeting"), "### Release \(version): release-fixing meeting", "",
            "Milestone `\(version)` exists in every repository of the train. The items in it:",
        ]
        lines += links.map { "- \($0.0): \($0.1)" }
        lines += ["", "When the meeting has taken place, reply `/done` (or «Провели»)."]
        return lines.joined(separator: "\n") + "\n"
    }

    static func readiness(
        week: String, version: SemanticVersion, teams: [(name: String, leads: [String])],
        ready: [String: ReleaseTrainData.Readiness]
    ) -> String {
        var lines = [
            marker(week, "readiness"), "### Release \(version): readiness", "", "| team | leads | ready |",
            "|---|---|---|",
        ]
        for team in teams {
            let leads = team.leads.map { "@\($0)" }.joined(separator: ", ")
            let status = ready[team.name].map { "✅ @\($0.by), \(timestamp($0.at))" } ?? "⏳"
            lines.append("| \(team.name) | \(leads) | \(status) |")
        }
        lines += ["", "Team leads: reply `/ready <team>` when your team is ready for the branch cut."]
        return lines.joined(separator: "\n") + "\n"
    }

    static func branchCut(week: String, version: SemanticVersion) -> String {
        """
        \(marker(week, "branch-cut"))
        ### Release \(version): READY_FOR_BRANCH_CUT

        Every team is ready. The release train of week \(week) is closed.

        """
    }

    static func reply(week: String, commentID: Int, text: String) -> String {
        "\(marker(week, "reply:\(commentID)"))\n\(text)\n"
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }

    /// The web link listing the milestone's issues and pull requests on the repository's forge.
    static func milestoneSearch(kind: ForgeKind, web: String, version: SemanticVersion, number: Int) -> String {
        switch kind {
        case .github:
            let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
            let query = "milestone:\"\(version)\"".addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
            return "\(web)/issues?q=\(query)"
        case .gitea:
            return
                "\(web)/issues?state=all&milestone=\(number) (pull requests: \(web)/pulls?state=all&milestone=\(number))"
        }
    }
}
