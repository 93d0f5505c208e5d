/// What models cost per million tokens, for agents that report tokens but no cost (the Codex CLI).
///
/// Read from the `prices` key of `.conveyor/config.yml`; the built-in table is empty, so a model without an entry
/// gets no cost (never a guessed one):
///
/// ```yaml
/// prices:                      # US dollars per million tokens
///   gpt-5.5: {input: 1.25, cached_input: 0.125, output: 10}
/// ```
///
/// Model names match exactly first, then ignoring case.
public struct PriceTable: Sendable, Hashable {
    /// One model's prices, in US dollars per million tokens.
    public struct Price: Sendable, Hashable {
        /// Input tokens not read from the prompt cache (cache writes count here: the Responses API bills them as
        /// input).
        public var input: Double
        /// Input tokens read from the prompt cache.
        public var cachedInput: Double
        /// Output tokens, reasoning tokens included.
        public var output: Double

        /// Creates a price; `cachedInput` defaults to `input` (no cache discount).
        public init(input: Double, cachedInput: Double? = nil, output: Double) {
            self.input = input
            self.cachedInput = cachedInput ?? input
            self.output = output
        }
    }

    /// Prices by model name, as written in the configuration.
    public var prices: [String: Price]

    /// Creates a table; the default is empty.
    public init(_ prices: [String: Price] = [:]) {
        self.prices = prices
    }

    /// The price of `model`: an exact entry, else one whose name differs only in case; nil when none is listed.
    public func price(for model: String) -> Price? {
        if let exact = prices[model] { return exact }
        let lowered = model.lowercased()
        return prices.first { $0.key.lowercased() == lowered }?.value
    }

    /// The cost in US dollars of the token counts at `model`'s prices, or nil when the model has no entry.
    ///
    /// - Parameters:
    ///   - uncachedInput: input tokens not read from the cache.
    ///   - cachedInput: input tokens read from the cache.
    ///   - output: output tokens.
    public func cost(model: String, uncachedInput: Int, cachedInput: Int, output: Int) -> Double? {
        guard let price = price(for: model) else { return nil }
        let dollars =
            Double(uncachedInput) * price.input + Double(cachedInput) * price.cachedInput
            + Double(output) * price.output
        return dollars / 1_000_000
    }
}
