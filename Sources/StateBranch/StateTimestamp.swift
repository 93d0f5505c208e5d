public import Foundation

/// The one text form of times in the state database: UTC ISO 8601 with milliseconds,
/// `2026-01-31T12:00:00.000Z`. Fixed width, so text order is time order in SQL comparisons.
public enum StateTimestamp {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    /// `date` as stored text.
    public static func text(_ date: Date) -> String {
        date.formatted(style)
    }

    /// The date stored as `text`, or nil when `text` is not in the stored form.
    public static func date(_ text: String) -> Date? {
        try? style.parse(text)
    }

    /// `date` rounded down to whole milliseconds, the precision the database keeps.
    static func truncated(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1_000).rounded(.down) / 1_000)
    }
}
