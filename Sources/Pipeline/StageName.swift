import Foundation

/// The name of one stage of the delivery pipeline, in pipeline order.
///
/// The set is closed: `.conveyor/config.yml` can change what a stage does, not invent new stages, so a typo in a
/// stage name is caught when the configuration loads.
public enum StageName: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// Problem statement, personas, MVP scope, constraints, brief, open questions.
    case intake
    /// Charter, success metrics, risk register.
    case vision
    /// Product requirements.
    case prd
    /// Architecture overview, alternatives, NFRs, first ADRs.
    case arch
    /// Detailed design, API contract, data model, migrations policy.
    case design
    /// Delivery plan, epics, stories, definition of done, roadmap.
    case plan
    /// The code change itself.
    case dev
    /// Audit of a pull request against the documents; reports only.
    case docAudit = "doc-audit"
    /// Test strategy, plan, matrix, regression checklist and the test verdict.
    case qa
    /// Release plan, rollback plan, release notes.
    case release
    /// Post-deploy review and postmortems.
    case postdeploy
    /// Monitoring, SLOs, alerts, runbooks, incident playbooks.
    case ops

    public var description: String { rawValue }

    /// The stage's name as written in variable names, e.g. `DOC_AUDIT` for `doc-audit`.
    public var variableStem: String {
        rawValue.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// Every stage name joined for messages, e.g. `intake, vision, …, ops`.
    public static var allNamesList: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }
}
