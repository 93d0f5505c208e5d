import Actions
import Foundation
import Pipeline

/// `.conveyor/config.yml` as `conveyor init` writes it: every setting of the built-in pipeline, commented out.
///
/// Rendered from ``PipelineConfiguration/default`` rather than written by hand, so it cannot drift from the
/// defaults: explanation lines start with `## `, setting lines with `# `; removing the `# ` from every setting line
/// gives a file the configuration reader loads as exactly the default configuration (a test checks it). As
/// written, the file is all comments and changes nothing.
public enum ConfigTemplate {
    /// The file's text for `configuration` (normally the default).
    public static func render(_ configuration: PipelineConfiguration = .default) -> String {
        var lines = [
            "## Conveyor configuration. Every setting below is the built-in default, commented out: uncomment a",
            "## line (and the lines of the keys above it) to change it. Reference: docs/configuration.md.",
            "## Written by `conveyor init` from the default pipeline.",
            "version: 1",
            "state:",
            "  branch: \(quoted(configuration.state.branch))",
            "  file: \(quoted(configuration.state.file))",
            "agent:",
            "  name: \(quoted(configuration.agentDefaults.agent))",
        ]
        if let model = configuration.agentDefaults.model { lines.append("  model: \(quoted(model))") }
        lines += [
            "## prices: US dollars per million tokens, for agents that report tokens but no cost (codex), e.g.",
            "##   some-model: {input: 1.25, cached_input: 0.125, output: 10}",
        ]
        if configuration.prices.prices.isEmpty {
            lines.append("prices: {}")
        } else {
            lines.append("prices:")
            for (model, price) in configuration.prices.prices.sorted(by: { $0.key < $1.key }) {
                lines.append(
                    "  \(quoted(model)): {input: \(price.input), cached_input: \(price.cachedInput), "
                        + "output: \(price.output)}")
            }
        }
        lines += remediationLines(configuration.remediation)
        lines.append("stages:")
        for stage in configuration.pipeline.stages {
            lines += stageLines(stage)
        }
        return lines.map { $0.hasPrefix("##") ? $0 : "# " + $0 }.joined(separator: "\n") + "\n"
    }

    /// The self-healing supervisor's settings (ADR 0017).
    private static func remediationLines(_ policy: RemediationPolicy) -> [String] {
        var lines = [
            "## remediation: the self-healing supervisor; mode off | shadow | on (the CONVEYOR_REMEDIATION variable",
            "## wins); limits per stage, counted across jobs since the stage last succeeded or escalated.",
            "remediation:",
            "  mode: \(policy.mode.rawValue)",
            "  max_auto_reruns: \(policy.limits.maxAutoReruns)",
            "  max_total_duration_minutes: \(policy.limits.maxTotalDurationMinutes)",
            "  flaky_reruns: \(policy.flakyReruns)",
            "  backoff_seconds: \(policy.backoffSeconds)",
        ]
        if policy.stageLimits.isEmpty {
            lines.append("  stages: {}")
        } else {
            lines.append("  stages:")
            for (stage, limits) in policy.stageLimits.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                lines.append(
                    "    \(stage.rawValue): {max_auto_reruns: \(limits.maxAutoReruns), "
                        + "max_total_duration_minutes: \(limits.maxTotalDurationMinutes)}")
            }
        }
        return lines
    }

    private static func stageLines(_ stage: StageDefinition) -> [String] {
        var lines = [
            "  \(stage.name.rawValue):",
            "    role: \(quoted(stage.role.rawValue))",
            "    inputs: \(list(stage.inputs.map(\.rawValue)))",
            "    write_scope: \(list(stage.writeScope))",
            "    gate: \(gate(stage.gate))",
            "    next: \(stage.next.map { quoted($0.rawValue) } ?? "null")",
            "    requires_approval: \(stage.requiresApproval)",
            "    timeout_minutes: \(stage.timeoutMinutes)",
        ]
        if let agent = stage.agent { lines.append("    agent: \(quoted(agent))") }
        if let model = stage.model { lines.append("    model: \(quoted(model))") }
        lines.append(stage.artifacts.isEmpty ? "    artifacts: []" : "    artifacts:")
        for artifact in stage.artifacts {
            lines.append(
                "      - {path: \(quoted(artifact.pathPattern)), type: \(quoted(artifact.type)), "
                    + "required_keys: \(list(artifact.requiredKeys))}")
        }
        return lines
    }

    private static func gate(_ gate: StageGate) -> String {
        switch gate {
        case .artifacts: return "{kind: artifacts}"
        case .none: return "{kind: none}"
        case .command(let arguments): return "{kind: command, command: \(list(arguments))}"
        case .verdict(let rule):
            return "{kind: verdict, document: \(quoted(rule.documentType)), field: \(quoted(rule.field)), "
                + "pass: \(list(rule.passTokens.sorted())), fail: \(list(rule.failTokens.sorted()))}"
        }
    }

    /// A YAML flow sequence of double-quoted strings.
    private static func list(_ items: [String]) -> String {
        "[" + items.map(quoted).joined(separator: ", ") + "]"
    }

    /// A double-quoted YAML scalar (JSON string syntax, which YAML accepts).
    private static func quoted(_ text: String) -> String {
        guard let data = try? JSONEncoder().encode(text), let json = String(data: data, encoding: .utf8) else {
            return "\"\(text)\""
        }
        return json.replacingOccurrences(of: "\\/", with: "/")
    }
}
