import Foundation

/// Reads a response the way a polite API client should: is it worth another attempt, and how long
/// did the server ask us to wait?
enum RetryAdvice {
    /// True for statuses that may succeed later: 5xx, 429, and a 403 that is a rate limit
    /// (GitHub's secondary limit sends `Retry-After`; the primary one `x-ratelimit-remaining: 0`).
    static func isRetryable(_ response: HTTPResponse) -> Bool {
        switch response.status {
        case 500...599, 429: true
        case 403: isRateLimit(response)
        default: false
        }
    }

    /// True when the response says a rate limit, rather than a server fault, refused the request.
    static func isRateLimit(_ response: HTTPResponse) -> Bool {
        guard response.status == 403 || response.status == 429 else { return false }
        return response.headers["Retry-After"] != nil || response.headers["x-ratelimit-remaining"] == "0"
    }

    /// The wait the server asked for, from `Retry-After` (seconds or an HTTP date) or, when no
    /// requests remain, from `x-ratelimit-reset` (epoch seconds). Nil when it asked for none.
    static func requestedWait(in headers: HTTPHeaders, now: Date = Date()) -> Duration? {
        if let retryAfter = headers["Retry-After"]?.trimmingCharacters(in: .whitespaces) {
            if let seconds = Int(retryAfter) { return .seconds(max(0, seconds)) }
            if let date = parseHTTPDate(retryAfter) { return duration(from: now, to: date) }
        }
        if headers["x-ratelimit-remaining"] == "0", let reset = headers["x-ratelimit-reset"].flatMap(Double.init) {
            return duration(from: now, to: Date(timeIntervalSince1970: reset))
        }
        return nil
    }

    /// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the form RFC 9110 requires.
    static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }

    private static func duration(from now: Date, to date: Date) -> Duration {
        .milliseconds(max(0, Int((date.timeIntervalSince(now) * 1000).rounded(.up))))
    }
}
