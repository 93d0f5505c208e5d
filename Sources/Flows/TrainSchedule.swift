import Foundation
import Pipeline

/// When the weekly release train starts, in the configured time zone, and which week an instant belongs to.
///
/// Weeks are ISO 8601 weeks (Monday first) of the configured zone, named like `2026-W49`; a train is one instance
/// per week. ``decision(at:startedWeeks:openTrain:)`` is pure, so start times are unit-tested across zones.
public struct TrainSchedule: Sendable {
    /// The start settings.
    public let settings: ReleaseTrainSettings
    private let calendar: Calendar

    /// Why the train does or does not start at an instant.
    public enum Decision: Sendable, Equatable {
        /// Start the train of `week` (whose start was `scheduled`; a late heartbeat starts it later).
        case start(week: String, scheduled: Date)
        /// This week's start is still ahead, at `next`.
        case notYet(week: String, next: Date)
        /// This week's train has already started (and may already be over).
        case alreadyStarted(week: String)
        /// Another train, of `week`, has not reached its end yet; one train runs at a time.
        case previousStillOpen(week: String)
    }

    /// A schedule for `settings`; an unknown time zone (the reader rejects those) falls back to UTC.
    public init(settings: ReleaseTrainSettings) {
        self.settings = settings
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: settings.timeZone) ?? TimeZone(identifier: "UTC") ?? .current
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        self.calendar = calendar
    }

    /// The ISO week of `date` in the configured zone, e.g. `2026-W49`.
    public func week(of date: Date) -> String {
        let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        let number = parts.weekOfYear ?? 0
        return "\(parts.yearForWeekOfYear ?? 0)-W\(number < 10 ? "0" : "")\(number)"
    }

    /// The configured start in the week of `date`.
    public func start(inWeekOf date: Date) -> Date {
        let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        var wanted = DateComponents()
        wanted.yearForWeekOfYear = parts.yearForWeekOfYear
        wanted.weekOfYear = parts.weekOfYear
        wanted.weekday = settings.weekday % 7 + 1  // ISO 1 = Monday … 7 = Sunday → Foundation 1 = Sunday … 7
        wanted.hour = settings.hour
        wanted.minute = settings.minute
        return calendar.date(from: wanted) ?? date
    }

    /// Whether a heartbeat at `now` starts a train.
    ///
    /// - Parameters:
    ///   - startedWeeks: the weeks whose train has started (from state), open or closed.
    ///   - openTrain: the week of a train not yet at its end, if any.
    public func decision(at now: Date, startedWeeks: Set<String>, openTrain: String?) -> Decision {
        let week = week(of: now)
        if startedWeeks.contains(week) { return .alreadyStarted(week: week) }
        let scheduled = start(inWeekOf: now)
        guard now >= scheduled else { return .notYet(week: week, next: scheduled) }
        if let openTrain { return .previousStillOpen(week: openTrain) }
        return .start(week: week, scheduled: scheduled)
    }
}
