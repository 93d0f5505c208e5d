/// How often and how patiently ``HTTPClient`` retries.
///
/// Attempt `n` (1-based) that fails in a retryable way is followed by a pause of
/// `min(maxDelay, baseDelay × 2^(n-1))`, shortened by a random fraction of up to `jitter` so
/// that parallel jobs do not retry in step. When the server says how long to wait (`Retry-After`,
/// or `X-RateLimit-Reset` with no requests remaining) that wait is used instead, provided it is
/// at most `maxServerWait`; a longer requested wait ends the request at once with
/// ``HTTPError/Code/rateLimited``, since retrying earlier would only be refused again.
public struct RetryPolicy: Sendable, Equatable {
    /// The total number of attempts, the first included; 1 disables retrying.
    public var maxAttempts: Int
    /// The pause after the first failed attempt.
    public var baseDelay: Duration
    /// The longest computed pause between attempts.
    public var maxDelay: Duration
    /// The largest fraction (0…1) removed at random from a computed pause.
    public var jitter: Double
    /// The longest server-requested wait the client honours.
    public var maxServerWait: Duration

    /// Creates a policy; `maxAttempts` below 1 is treated as 1 and `jitter` is clamped to 0…1.
    public init(
        maxAttempts: Int = 4, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30),
        jitter: Double = 0.5, maxServerWait: Duration = .seconds(120)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = min(1, max(0, jitter))
        self.maxServerWait = maxServerWait
    }

    /// Four attempts, 0.5 s doubling up to 30 s, half jitter, server waits up to 2 minutes.
    public static let standard = RetryPolicy()

    /// One attempt, no retrying.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The pause after failed attempt number `attempt` (1-based), with `random` in 0…1 choosing
    /// how much jitter to remove.
    public func backoff(afterAttempt attempt: Int, random: Double = Double.random(in: 0...1)) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let grown = baseDelay * (1 << exponent)
        let capped = min(grown, maxDelay)
        return capped * (1 - jitter * min(1, max(0, random)))
    }
}
