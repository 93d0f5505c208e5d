import Foundation

/// A release-train command read from a comment on the release issue.
///
/// Only the first line counts, as for every Conveyor command, and only when it starts the comment (a quote `>` or a
/// code fence never does): `/version 2.8.0`, `/approve`, `/done` (or «Провели», the localised answer the meeting
/// owner is used to), `/ready backend`. Anything else is not a train command and is left alone.
public enum TrainCommand: Sendable, Equatable {
    /// `/version <text>`; the text is kept as written so a bad one can be quoted in the reply.
    case version(String)
    /// `/approve`.
    case approve
    /// `/done` or «Провели».
    case meetingHeld
    /// `/ready <team>`; the team as written (empty when missing).
    case ready(team: String)

    /// The table event this command fires.
    public var event: ReleaseTrainFlow.Event {
        switch self {
        case .version: .version
        case .approve: .approve
        case .meetingHeld: .meetingHeld
        case .ready: .ready
        }
    }

    /// Parses the first line of `body`; nil when it is not a train command.
    public init?(comment body: String) {
        let first = body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).first.map(String.init)
        guard let line = first?.trimmingCharacters(in: .whitespaces), !line.isEmpty else { return nil }
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let head = words.first?.lowercased() else { return nil }
        let bare = head.trimmingCharacters(in: CharacterSet(charactersIn: "!.,"))
        switch bare {
        case "/version": self = .version(words.dropFirst().joined(separator: " "))
        case "/approve": self = .approve
        case "/done", "провели": self = .meetingHeld
        case "/ready": self = .ready(team: words.dropFirst().first ?? "")
        default: return nil
        }
    }
}
