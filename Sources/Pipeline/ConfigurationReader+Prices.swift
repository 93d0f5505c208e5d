import Yams

// MARK: - `prices`

extension ConfigurationReader {
    /// The keys of one model's entry under `prices`.
    static let priceKeys = ["input", "cached_input", "output"]

    /// Reads `prices: {MODEL: {input: N, cached_input: N, output: N}}` into `table`, replacing entries of the same
    /// model. `input` and `output` are required; `cached_input` defaults to `input`.
    mutating func readPrices(_ node: Node, at mark: Mark?, into table: inout PriceTable) {
        guard let mapping = expectMapping(node, at: mark, what: "`prices`") else { return }
        for (modelNode, value) in mapping {
            guard let model = modelNode.string, !model.isEmpty else {
                report(
                    .wrongType, at: modelNode.mark ?? mark,
                    "Every key of `prices` must be a model name; this one is \(Self.kind(of: modelNode)).")
                continue
            }
            if let price = readPrice(value, at: modelNode.mark, model: model) { table.prices[model] = price }
        }
    }

    private mutating func readPrice(_ node: Node, at mark: Mark?, model: String) -> PriceTable.Price? {
        let place = "prices.\(model)"
        guard let mapping = expectMapping(node, at: mark, what: "`\(place)`") else { return nil }
        var values: [String: Double] = [:]
        var failed = false
        for (key, keyMark, value) in entries(of: mapping, allowed: Self.priceKeys, in: "`\(place)`") {
            guard let number = expectPrice(value, at: keyMark, key: "\(place).\(key)") else {
                failed = true
                continue
            }
            values[key] = number
        }
        for key in ["input", "output"] where values[key] == nil && !failed {
            report(
                .missingKey, at: mark,
                "`\(place)` has no `\(key)`. Give `input`, `output` (and optionally `cached_input`) in US dollars per "
                    + "million tokens, e.g. `{input: 1.25, cached_input: 0.125, output: 10}`.")
            failed = true
        }
        guard !failed, let input = values["input"], let output = values["output"] else { return nil }
        return PriceTable.Price(input: input, cachedInput: values["cached_input"], output: output)
    }

    /// The node as a number of at least 0, or nil after a diagnostic.
    private mutating func expectPrice(_ node: Node, at mark: Mark?, key: String) -> Double? {
        guard case .scalar = node, let value = node.float, value.isFinite else {
            report(
                .wrongType, at: mark,
                "`\(key)` must be a number of US dollars per million tokens; it is \(Self.kind(of: node)).")
            return nil
        }
        guard value >= 0 else {
            report(.invalidValue, at: mark, "`\(key)` must be at least 0; it is \(value).")
            return nil
        }
        return value
    }
}
