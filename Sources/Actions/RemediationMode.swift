/// How far the self-healing supervisor may act on a failed attempt (ADR 0017).
///
/// Set per repository in `.conveyor/config.yml` (`remediation.mode`) and overridden by the repository variable
/// `CONVEYOR_REMEDIATION`, the kill switch: setting it to `off` or `shadow` stops every automatic action on the next
/// job without a commit.
public enum RemediationMode: String, Sendable, Hashable, CaseIterable, Codable {
    /// No classification and no action: a failure ends the run as it always did.
    case off
    /// Classify every failure and record the action the playbook proposes, but carry none out.
    case shadow
    /// Classify and carry out the allowed playbook action, within the stage's limits.
    case on

    /// The accepted values, for messages: `off`, `shadow`, `on`.
    public static let spelled = allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
}
