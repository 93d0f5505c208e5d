import Actions
import Pipeline
import Testing

/// The `remediation` key of `.conveyor/config.yml` (ADR 0017).
struct RemediationConfigurationTests {
    @Test func defaultsAreShadowModeWithTwoRerunsPerStage() {
        let policy = PipelineConfiguration.default.remediation
        #expect(policy.mode == .shadow)
        #expect(policy.limits(for: .dev) == RemediationPolicy.Limits(maxAutoReruns: 2, maxTotalDurationMinutes: 120))
        #expect(policy.effectiveMode(killSwitch: nil) == .shadow)
        #expect(policy.effectiveMode(killSwitch: .off) == .off, "the repository variable wins")
    }

    @Test func everyKeyIsReadAndStageEntriesStartFromTheTopLevelLimits() throws {
        let configuration = try PipelineConfiguration.parse(
            """
            remediation:
              stages:
                dev: {max_total_duration_minutes: 240}
              mode: on
              max_auto_reruns: 4
              max_total_duration_minutes: 60
              flaky_reruns: 3
              backoff_seconds: 5
            """)
        let policy = configuration.remediation
        #expect(policy.mode == .on && policy.flakyReruns == 3 && policy.backoffSeconds == 5)
        #expect(policy.limits(for: .qa) == RemediationPolicy.Limits(maxAutoReruns: 4, maxTotalDurationMinutes: 60))
        #expect(policy.limits(for: .dev) == RemediationPolicy.Limits(maxAutoReruns: 4, maxTotalDurationMinutes: 240))
    }

    @Test func badValuesAreLocatedErrors() {
        #expect {
            try PipelineConfiguration.parse(
                """
                remediation:
                  mode: always
                  max_auto_reruns: 99
                  stages:
                    deploy: {max_auto_reruns: 1}
                """)
        } throws: { error in
            let text = "\(error)"
            return text.contains(".conveyor/config.yml:2:") && text.contains("`remediation.mode` must be one of")
                && text.contains(".conveyor/config.yml:3:") && text.contains("max_auto_reruns")
                && text.contains("names no stage `deploy`")
        }
    }
}
