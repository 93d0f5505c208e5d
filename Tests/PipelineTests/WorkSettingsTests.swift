import Pipeline
import Testing

@Suite struct WorkSettingsTests {
    @Test func commandsDevQAAndBudgetsAreRead() throws {
        let configuration = try PipelineConfiguration.parse(
            """
            commands:
              build: {run: "swift build", timeout_minutes: 20}
              test: [python3, -m, unittest]
              lint: "ruff check ."
            dev:
              max_dev_attempts: 4
              feedback_bytes: 2048
              protected_paths: ["migrations/**"]
              commands: [lint, test]
              ci: {mode: pending, timeout_seconds: 90, poll_seconds: 2, max_poll_seconds: 8, no_checks_seconds: 5, ignore: [x]}
            qa: {commands: [test]}
            budgets:
              stage: {usd: 1.5, tokens: 1000}
              work_item: {usd: 20}
              day: {tokens: 5000000}
              max_turns: 12

            """)
        let work = configuration.work
        #expect(work.commands.map(\.name) == ["build", "test", "lint"])
        #expect(work.commands[0].arguments == ["sh", "-c", "swift build"])
        #expect(work.commands[0].timeoutSeconds == 1200)
        #expect(work.commands[1].arguments == ["python3", "-m", "unittest"])
        #expect(work.commands[1].timeoutSeconds == RepositoryCommand.defaultTimeoutSeconds)
        #expect(work.commands(for: .dev).map(\.name) == ["lint", "test"])
        #expect(work.commands(for: .qa).map(\.name) == ["test"])
        #expect(work.commands(for: .intake).isEmpty)
        #expect(work.maxDevAttempts == 4)
        #expect(work.feedbackBytes == 2048)
        #expect(work.ci.mode == .pending)
        #expect(work.ci.timeoutSeconds == 90 && work.ci.pollSeconds == 2 && work.ci.maxPollSeconds == 8)
        #expect(work.ci.noChecksSeconds == 5 && work.ci.ignore == ["x"])
        #expect(work.budgets.stage == Budgets.Limit(usd: 1.5, tokens: 1000))
        #expect(work.budgets.workItem.usd == 20)
        #expect(work.budgets.day.tokens == 5_000_000)
        #expect(work.budgets.maxTurns == 12)
        let dev = try #require(configuration.pipeline[.dev])
        #expect(dev.protectedPaths == WorkSettings.builtInProtectedPaths + ["migrations/**"])
    }

    @Test func theDefaultsLeaveEverythingOffButDevsProtectedPaths() throws {
        let work = PipelineConfiguration.default.work
        #expect(work.commands.isEmpty && work.budgets.isOff && work.maxDevAttempts == 3)
        #expect(PipelineConfiguration.default.pipeline[.dev]?.protectedPaths.contains(".github/**") == true)
        #expect(PipelineConfiguration.default.pipeline[.intake]?.protectedPaths.isEmpty == true)
    }

    @Test func badValuesAreNamedAtTheirKey() {
        #expect(throws: ConfigurationError.self) {
            try PipelineConfiguration.parse("dev: {max_dev_attempts: 0}\n")
        }
        do {
            _ = try PipelineConfiguration.parse(
                "dev:\n  ci: {mode: sometimes}\nbudgets: {stage: {usd: cheap}}\ncommands: {test: {timeout_minutes: 3}}\n"
            )
            Issue.record("the file should be refused")
        } catch {
            let text = error.diagnostics.map(\.message).joined(separator: "\n")
            #expect(text.contains("`dev.ci.mode: sometimes` is not a CI mode"))
            #expect(text.contains("`budgets.stage.usd` must be a number"))
            #expect(text.contains("`commands.test` needs `run:`"))
            #expect(error.diagnostics.first?.line == 2)
        }
    }
}
