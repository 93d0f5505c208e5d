/// Tokens an agent run used, summed over all its model calls.
public struct TokenUsage: Sendable, Hashable, Codable {
    /// Input tokens that were neither read from nor written to the prompt cache.
    public var input: Int
    /// Output tokens.
    public var output: Int
    /// Input tokens read from the prompt cache.
    public var cacheRead: Int
    /// Input tokens written to the prompt cache.
    public var cacheCreation: Int

    /// Creates a usage record; every count defaults to zero.
    public init(input: Int = 0, output: Int = 0, cacheRead: Int = 0, cacheCreation: Int = 0) {
        self.input = input
        self.output = output
        self.cacheRead = cacheRead
        self.cacheCreation = cacheCreation
    }

    /// No tokens at all.
    public static let zero = TokenUsage()

    /// The whole prompt size: plain input plus cache reads plus cache writes (dropping the cache-write slice
    /// understates it, a mistake the plans this product implements made once).
    public var fullInput: Int { input + cacheRead + cacheCreation }
}
