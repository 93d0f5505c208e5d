/// A misbehaviour the fake forge shows instead of (or before) its normal answer.
public indirect enum ForgeFault: Sendable {
    /// Answers with `status`, these headers and this body instead of the normal response.
    case status(Int, headers: [String: String] = [:], body: String = "")
    /// Waits `milliseconds`, then answers normally.
    case delay(milliseconds: Int)
    /// Closes the connection without sending any response (curl reports "empty reply").
    case dropConnection
    /// Carries the request out (the comment or pull request is stored), then shows `fault` instead of the
    /// answer: what a client sees when the forge wrote and the reply was lost, e.g.
    /// `.afterWrite(.dropConnection)` or `.afterWrite(.status(502))`.
    case afterWrite(ForgeFault)

    /// A GitHub-style rate limit: 403, no requests remaining, reset at `resetEpochSeconds`.
    public static func rateLimited(resetEpochSeconds: Int) -> ForgeFault {
        .status(
            403,
            headers: [
                "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "0",
                "x-ratelimit-reset": String(resetEpochSeconds),
            ],
            body: #"{"message":"API rate limit exceeded","documentation_url":"https://docs.github.com/rest"}"#)
    }
}

/// The faults waiting to be shown, per route, in injection order.
struct FaultQueue: Sendable {
    private var pending: [ForgeRoute: [ForgeFault]] = [:]

    /// Queues `fault` for the next `times` requests on `route`.
    mutating func inject(_ fault: ForgeFault, on route: ForgeRoute, times: Int) {
        pending[route, default: []].append(contentsOf: Array(repeating: fault, count: max(0, times)))
    }

    /// Removes and returns the next fault for `route`, if any.
    mutating func next(for route: ForgeRoute) -> ForgeFault? {
        guard var faults = pending[route], !faults.isEmpty else { return nil }
        let fault = faults.removeFirst()
        pending[route] = faults
        return fault
    }
}
