import Pipeline
import Testing

/// Every YAML text Conveyor reads is checked against its bounds before Yams composes it, so hostile YAML fails fast
/// with a diagnostic naming the file and line.
@Suite(.timeLimit(.minutes(1)))
struct YAMLBoundsTests {
    /// About 600 bytes: nine levels of nine aliases each, the last used as a mapping key, which Yams hashes.
    static var aliasBombAsKey: String {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        for level in 1...9 {
            let aliases = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",")
            lines.append("a\(level): &a\(level) [\(aliases)]")
        }
        lines.append("stages: {? *a9 : x}")
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func anAliasBombUsedAsAMappingKeyIsRefusedAtOnceNamingTheFileAndLine() throws {
        #expect(Self.aliasBombAsKey.utf8.count < 700)
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(throws: ConfigurationError.self) {
            try PipelineConfiguration.parse(Self.aliasBombAsKey)
        }
        #expect(clock.now - start < .seconds(5))
        let diagnostic = try #require(error.diagnostics.first)
        #expect(error.diagnostics.count == 1)
        #expect(diagnostic.file == ".conveyor/config.yml")
        #expect(diagnostic.message.contains("more than 100000 values once its aliases"))
        #expect(diagnostic.line > 1 && diagnostic.line <= 11)
    }

    @Test func deepNestingIsRefusedBeforeTheRecursiveComposerSeesIt() throws {
        // libyaml refuses more than 1,000 levels itself; between 65 and 1,000 only the bounds stop it.
        let deep = "stages: " + String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        let error = try #require(throws: ConfigurationError.self) { try PipelineConfiguration.parse(deep) }
        #expect(error.diagnostics.first?.message.contains("more than 64 levels deep") == true, "\(error.diagnostics)")
    }

    @Test func anOversizedFileIsRefused() throws {
        let big = "# " + String(repeating: "x", count: 1 << 20) + "\nversion: 1\n"
        let error = try #require(throws: ConfigurationError.self) { try PipelineConfiguration.parse(big) }
        #expect(error.diagnostics.first?.message.contains("larger than 1048576 bytes") == true)
    }

    @Test func aliasesWithinBoundsStillWork() throws {
        let yaml = "agent: &agent {model: m1}\nstages:\n  dev: {model: m2}\n"
        #expect(try PipelineConfiguration.parse(yaml).pipeline[.dev]?.model == "m2")
        let shared = "x: &scope [\"docs/**\"]\nstages:\n  dev: {write_scope: *scope}\n"
        #expect(throws: ConfigurationError.self) { try PipelineConfiguration.parse(shared) }  // `x` is unknown
        #expect(throws: Never.self) { try YAMLBounds.configuration.check(shared) }
    }

    @Test(arguments: ["153722867280912930", "10081", "0", "-5"])
    func timeoutsOutsideTheOneRangeAreRefusedWhereverTheyAreWritten(minutes: String) throws {
        for yaml in ["stages:\n  dev:\n    timeout_minutes: \(minutes)\n", "agent: {timeout_minutes: \(minutes)}\n"] {
            let error = try #require(throws: ConfigurationError.self) { try PipelineConfiguration.parse(yaml) }
            #expect(error.diagnostics.map(\.code) == [.invalidValue])
            #expect(error.diagnostics.first?.message.contains("must be from 1 to 10080") == true)
        }
        #expect(
            try PipelineConfiguration.parse("stages:\n  dev:\n    timeout_minutes: 10080\n").pipeline[.dev]?
                .timeoutMinutes == 10080)
    }

    @Test func anUnknownAgentIsRefusedWhereTheFileIsReadSoPlanAndRunAgree() throws {
        for yaml in ["agent: {name: gemini}\n", "stages:\n  dev:\n    agent: gemini\n"] {
            let error = try #require(throws: ConfigurationError.self) { try PipelineConfiguration.parse(yaml) }
            #expect(error.diagnostics.map(\.code) == [.invalidValue])
            #expect(error.diagnostics.first?.message.contains("`claude`, `codex`, `command`, `offline`") == true)
        }
    }
}
