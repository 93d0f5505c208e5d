/// Where a label's name comes from: a repository variable, or a built-in default when the variable is unset.
public struct LabelBinding: Sendable, Hashable, CustomStringConvertible {
    /// The repository variable that renames the label, e.g. `RUN_INTAKE_LABEL`.
    public let variable: String
    /// The name used when the variable is unset or empty, e.g. `run:intake`.
    public let defaultName: String

    /// Creates a binding of `variable` with the fallback `defaultName`.
    public init(variable: String, defaultName: String) {
        self.variable = variable
        self.defaultName = defaultName
    }

    public var description: String { "\(defaultName) (\(variable))" }
}
