import HTTP

/// Starts a fake forge for one test and stops it afterwards, even when the test throws.
public func withForge(_ body: (FakeForge) async throws -> Void) async throws {
    let forge = try await FakeForge.start()
    do {
        try await body(forge)
    } catch {
        await forge.stop()
        throw error
    }
    await forge.stop()
}

extension RetryPolicy {
    /// Three attempts with pauses of a few milliseconds, so retry tests stay fast.
    public static let fast = RetryPolicy(
        maxAttempts: 3, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50), jitter: 0.5,
        maxServerWait: .seconds(5))
}
