import Foundation
import Yams

// MARK: - `release_train` and `tick`

extension ConfigurationReader {
    static let releaseTrainKeys = ["enabled", "start", "repositories", "teams", "labels", "check_intervals"]
    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// Reads `release_train:`; its presence turns the train on.
    mutating func readReleaseTrain(_ node: Node, at mark: Mark?, into settings: inout ReleaseTrainSettings) {
        guard let mapping = expectMapping(node, at: mark, what: "`release_train`") else { return }
        settings.isEnabled = true
        for (key, keyMark, value) in entries(of: mapping, allowed: Self.releaseTrainKeys, in: "`release_train`") {
            switch key {
            case "enabled":
                if let flag = expectBool(value, at: keyMark, key: "release_train.enabled") { settings.isEnabled = flag }
            case "start": readStart(value, at: keyMark, into: &settings)
            case "repositories":
                guard let names = expectStrings(value, at: keyMark, key: "release_train.repositories") else { continue }
                for (name, nameMark) in names where name.split(separator: "/").count != 2 {
                    report(
                        .invalidValue, at: nameMark ?? keyMark,
                        "`\(name)` in `release_train.repositories` is not `owner/name`. Write it like `acme/app`.")
                }
                settings.repositories = names.map(\.0)
            case "teams": readTeams(value, at: keyMark, into: &settings)
            case "labels":
                settings.labels = expectStrings(value, at: keyMark, key: "release_train.labels")?.map(\.0)
                    ?? settings.labels
            default: readIntervals(value, at: keyMark, into: &settings)
            }
        }
    }

    private mutating func readStart(_ node: Node, at mark: Mark?, into settings: inout ReleaseTrainSettings) {
        guard let mapping = expectMapping(node, at: mark, what: "`release_train.start`") else { return }
        let allowed = ["weekday", "time", "timezone"]
        for (key, keyMark, value) in entries(of: mapping, allowed: allowed, in: "`release_train.start`") {
            guard let text = expectString(value, at: keyMark, key: "release_train.start.\(key)") else { continue }
            switch key {
            case "weekday":
                let lowered = text.lowercased()
                guard let index = Self.weekdays.firstIndex(where: { $0 == lowered || $0.prefix(3) == lowered }) else {
                    report(
                        .invalidValue, at: keyMark,
                        "`release_train.start.weekday: \(text)` is not a day of the week. Write e.g. `friday`.")
                    continue
                }
                settings.weekday = index + 1
            case "time":
                let parts = text.split(separator: ":").map { Int($0) }
                guard parts.count == 2, let hour = parts[0], let minute = parts[1], (0...23).contains(hour),
                    (0...59).contains(minute)
                else {
                    report(
                        .invalidValue, at: keyMark,
                        "`release_train.start.time: \(text)` is not a time of day. Write it as \"HH:MM\", e.g. \"11:00\".")
                    continue
                }
                (settings.hour, settings.minute) = (hour, minute)
            default:
                guard TimeZone(identifier: text) != nil else {
                    report(
                        .invalidValue, at: keyMark,
                        "`release_train.start.timezone: \(text)` is not a known IANA time zone. Write e.g. "
                            + "`Europe/Moscow` or `UTC`.")
                    continue
                }
                settings.timeZone = text
            }
        }
    }

    private mutating func readTeams(_ node: Node, at mark: Mark?, into settings: inout ReleaseTrainSettings) {
        guard let mapping = expectMapping(node, at: mark, what: "`release_train.teams`") else { return }
        var teams: [ReleaseTrainSettings.Team] = []
        for (nameNode, value) in mapping {
            guard let name = nameNode.string, !name.isEmpty, !name.contains(where: \.isWhitespace) else {
                report(
                    .invalidValue, at: nameNode.mark ?? mark,
                    "Every key of `release_train.teams` must be a team name without spaces, e.g. `backend`.")
                continue
            }
            guard let leads = expectStrings(value, at: nameNode.mark, key: "release_train.teams.\(name)") else {
                continue
            }
            if leads.isEmpty {
                report(
                    .invalidValue, at: nameNode.mark,
                    "`release_train.teams.\(name)` names no lead. List the logins that may say `/ready \(name)`.")
                continue
            }
            teams.append(.init(name: name, leads: leads.map(\.0)))
        }
        settings.teams = teams
    }

    private mutating func readIntervals(_ node: Node, at mark: Mark?, into settings: inout ReleaseTrainSettings) {
        guard let mapping = expectMapping(node, at: mark, what: "`release_train.check_intervals`") else { return }
        let states = ReleaseTrainSettings.defaultCheckIntervals.keys.sorted()
        for (key, keyMark, value) in entries(of: mapping, allowed: states, in: "`release_train.check_intervals`") {
            if let minutes = expectDuration(value, at: keyMark, key: "release_train.check_intervals.\(key)") {
                settings.checkIntervalMinutes[key] = minutes
            }
        }
    }

    /// Reads `tick:`.
    mutating func readHeartbeat(_ node: Node, at mark: Mark?, into settings: inout HeartbeatSettings) {
        guard let mapping = expectMapping(node, at: mark, what: "`tick`") else { return }
        let allowed = ["reminders", "remind_after", "mention", "repair_interval", "lease_grace"]
        for (key, keyMark, value) in entries(of: mapping, allowed: allowed, in: "`tick`") {
            switch key {
            case "reminders":
                if let flag = expectBool(value, at: keyMark, key: "tick.reminders") { settings.reminders = flag }
            case "remind_after":
                if let minutes = expectDuration(value, at: keyMark, key: "tick.remind_after") {
                    settings.remindAfterMinutes = minutes
                }
            case "mention":
                settings.mention = expectStrings(value, at: keyMark, key: "tick.mention")?.map(\.0) ?? settings.mention
            case "repair_interval":
                if let minutes = expectDuration(value, at: keyMark, key: "tick.repair_interval") {
                    settings.repairIntervalMinutes = minutes
                }
            default:
                if let minutes = expectDuration(value, at: keyMark, key: "tick.lease_grace") {
                    settings.leaseGraceMinutes = minutes
                }
            }
        }
    }

    /// A duration such as `15m`, `4h` or `1d` (a bare number is minutes), in minutes from 0 to 30 days.
    mutating func expectDuration(_ node: Node, at mark: Mark?, key: String) -> Int? {
        guard let text = node.string?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty else {
            report(.wrongType, at: mark, "`\(key)` must be a duration such as `15m`, `4h` or `1d`.")
            return nil
        }
        let units: [Character: Int] = ["m": 1, "h": 60, "d": 1_440]
        let (digits, factor) =
            text.last.flatMap { units[$0] }.map { (String(text.dropLast()), $0) } ?? (text, 1)
        guard let count = Int(digits), count >= 0, count * factor <= 30 * 1_440 else {
            report(
                .invalidValue, at: mark,
                "`\(key): \(text)` is not a duration of at most 30 days. Write e.g. `15m`, `4h` or `1d`.")
            return nil
        }
        return count * factor
    }
}
