import Foundation

/// A request with the client's policy applied: final header list, timeouts and limits.
/// It is what one transfer on the curl handle needs, and nothing the handle must look up.
struct PreparedRequest: Sendable {
    /// The request method.
    let method: HTTPMethod
    /// The absolute URL as text.
    let url: String
    /// Header lines in `Name: value` form, credentials included; never printed.
    let headerLines: [String]
    /// The body to send; nil sends none.
    let body: Data?
    /// The `User-Agent` value.
    let userAgent: String
    /// The connect timeout in milliseconds.
    let connectTimeoutMilliseconds: Int
    /// The whole-transfer timeout in milliseconds.
    let totalTimeoutMilliseconds: Int
    /// The largest response body accepted, in bytes.
    let maxResponseSize: Int
    /// True to open a new connection rather than reuse one, so that libcurl cannot re-send the request on a
    /// reused connection it finds dead (see ``HTTPRequest/sendsAtMostOnce``).
    var freshConnection = false
}

extension Duration {
    /// The duration in whole milliseconds, at least 1 so that curl never reads 0 as "no timeout".
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
