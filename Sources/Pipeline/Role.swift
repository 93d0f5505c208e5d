/// The agent role a stage runs as; it selects the role prompt.
///
/// An open set: the built-in roles are static constants, and a configuration may name another role whose prompt the
/// repository provides.
public struct Role: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The role's name, e.g. `pm`.
    public let rawValue: String

    /// Creates a role from its name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Creates a role from a literal name.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Product manager / business analyst: intake, vision, PRD.
    public static let productManager: Role = "pm"
    /// Solution architect: architecture and design.
    public static let architect: Role = "sa"
    /// Engineering manager: delivery plan.
    public static let engineeringManager: Role = "em"
    /// Developer: the code change.
    public static let developer: Role = "dev"
    /// Auditor: checks a change against the documents and reports.
    public static let auditor: Role = "auditor"
    /// QA lead: test strategy and verdict.
    public static let qualityAssurance: Role = "qa"
    /// SRE / operations: release, post-deploy review, operations documents.
    public static let siteReliability: Role = "sre"

    public var description: String { rawValue }
}
