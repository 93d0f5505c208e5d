import Actions
import Yams

// MARK: - `remediation`

extension ConfigurationReader {
    /// The keys of `remediation` and of one stage's entry under `remediation.stages`.
    static let remediationKeys = [
        "mode", "max_auto_reruns", "max_total_duration_minutes", "flaky_reruns", "backoff_seconds", "stages",
    ]
    static let remediationStageKeys = ["max_auto_reruns", "max_total_duration_minutes"]

    /// Reads `remediation` (see ``RemediationPolicy``) into `policy`.
    mutating func readRemediation(_ node: Node, at mark: Mark?, into policy: inout RemediationPolicy) {
        guard let mapping = expectMapping(node, at: mark, what: "`remediation`") else { return }
        // `stages` goes last, so a stage's entry starts from the top-level limits wherever they are written.
        let entries = entries(of: mapping, allowed: Self.remediationKeys, in: "`remediation`")
        for (key, keyMark, value) in entries.filter({ $0.0 != "stages" }) + entries.filter({ $0.0 == "stages" }) {
            switch key {
            case "mode":
                guard let text = expectString(value, at: keyMark, key: "remediation.mode") else { continue }
                guard let mode = RemediationMode(rawValue: text) else {
                    report(
                        .invalidValue, at: keyMark,
                        "`remediation.mode` must be one of \(RemediationMode.spelled); it is `\(text)`.")
                    continue
                }
                policy.mode = mode
            case "flaky_reruns":
                if let count = expectInt(
                    value, at: keyMark, key: "remediation.flaky_reruns", in: RemediationPolicy.flakyRerunsRange)
                {
                    policy.flakyReruns = count
                }
            case "backoff_seconds":
                if let seconds = expectInt(
                    value, at: keyMark, key: "remediation.backoff_seconds", in: RemediationPolicy.backoffRange)
                {
                    policy.backoffSeconds = seconds
                }
            case "stages":
                readRemediationStages(value, at: keyMark, into: &policy)
            default:
                readLimit(key, value, at: keyMark, place: "remediation", into: &policy.limits)
            }
        }
    }

    private mutating func readRemediationStages(_ node: Node, at mark: Mark?, into policy: inout RemediationPolicy) {
        guard let mapping = expectMapping(node, at: mark, what: "`remediation.stages`") else { return }
        for (nameNode, value) in mapping {
            guard let text = nameNode.string, let stage = StageName(rawValue: text) else {
                report(
                    .unknownStage, at: nameNode.mark ?? mark,
                    "`remediation.stages` names no stage `\(nameNode.string ?? "\(nameNode)")`. Stages: "
                        + "\(StageName.allNamesList).")
                continue
            }
            let place = "remediation.stages.\(stage.rawValue)"
            guard let entry = expectMapping(value, at: nameNode.mark, what: "`\(place)`") else { continue }
            var limits = policy.stageLimits[stage] ?? policy.limits
            for (key, keyMark, limit) in entries(of: entry, allowed: Self.remediationStageKeys, in: "`\(place)`") {
                readLimit(key, limit, at: keyMark, place: place, into: &limits)
            }
            policy.stageLimits[stage] = limits
        }
    }

    private mutating func readLimit(
        _ key: String, _ node: Node, at mark: Mark?, place: String, into limits: inout RemediationPolicy.Limits
    ) {
        if key == "max_auto_reruns" {
            if let count = expectInt(node, at: mark, key: "\(place).\(key)", in: RemediationPolicy.maxAutoRerunsRange) {
                limits.maxAutoReruns = count
            }
        } else if let minutes = expectInt(
            node, at: mark, key: "\(place).\(key)", in: RemediationPolicy.totalDurationRange)
        {
            limits.maxTotalDurationMinutes = minutes
        }
    }
}
