import Pipeline
import Testing

/// The `prices` key of `.conveyor/config.yml` and what the table computes.
@Suite struct PriceTableTests {
    @Test func pricesAreReadPerModel() throws {
        let configuration = try PipelineConfiguration.parse(
            """
            prices:
              gpt-5.5: {input: 1.25, cached_input: 0.125, output: 10}
              small-model: {input: 0.2, output: 0.8}
            """)
        #expect(
            configuration.prices.price(for: "gpt-5.5") == PriceTable.Price(input: 1.25, cachedInput: 0.125, output: 10))
        #expect(configuration.prices.price(for: "GPT-5.5")?.output == 10, "names match ignoring case")
        #expect(configuration.prices.price(for: "small-model")?.cachedInput == 0.2, "cached input defaults to input")
        #expect(PipelineConfiguration.default.prices.prices.isEmpty, "no built-in prices")
    }

    @Test func costIsPerMillionTokens() {
        let table = PriceTable(["m": PriceTable.Price(input: 2, cachedInput: 0.5, output: 8)])
        #expect(table.cost(model: "m", uncachedInput: 1_000_000, cachedInput: 2_000_000, output: 500_000) == 7)
        #expect(table.cost(model: "other", uncachedInput: 1, cachedInput: 0, output: 0) == nil)
    }

    @Test(
        arguments: [
            ("prices:\n  m: {input: 1}\n", ConfigurationDiagnostic.Code.missingKey, "has no `output`"),
            ("prices:\n  m: {input: -1, output: 2}\n", .invalidValue, "at least 0"),
            ("prices:\n  m: {input: cheap, output: 2}\n", .wrongType, "`prices.m.input` must be a number"),
            ("prices:\n  m: {input: 1, output: 2, cache: 1}\n", .unknownKey, "`cached_input`"),
            ("prices: [m]\n", .wrongType, "`prices` must be a mapping"),
        ])
    func badPricesAreLocated(yaml: String, code: ConfigurationDiagnostic.Code, message: String) {
        do {
            _ = try PipelineConfiguration.parse(yaml)
            Issue.record("accepted:\n\(yaml)")
        } catch {
            #expect(error.diagnostics.count == 1, "\(error.diagnostics)")
            #expect(error.diagnostics.first?.code == code)
            #expect(error.diagnostics.first?.message.contains(message) == true, "\(error.diagnostics)")
        }
    }
}
