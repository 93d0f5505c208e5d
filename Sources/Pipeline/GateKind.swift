/// The closed set of gate kinds a stage can declare.
public enum GateKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Passes when every required artifact exists with valid frontmatter.
    case artifacts
    /// Like ``artifacts``, and a frontmatter field of one document must hold a passing token.
    case verdict
    /// Like ``artifacts``, and a command Conveyor runs itself must exit with status 0.
    case command
    /// Always passes; the owner's approval is the only check.
    case none

    public var description: String { rawValue }

    /// Every kind joined for messages, e.g. `artifacts, verdict, command, none`.
    public static var allNamesList: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }
}
