/// A configuration that was rejected; nothing runs until every diagnostic is fixed.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every problem found, in file order.
    public let diagnostics: [ConfigurationDiagnostic]

    /// Creates an error from at least one diagnostic.
    public init(diagnostics: [ConfigurationDiagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        let count = diagnostics.count == 1 ? "1 problem" : "\(diagnostics.count) problems"
        return (["Configuration rejected (\(count)); fix it and run again:"] + diagnostics.map(\.description))
            .joined(separator: "\n")
    }
}
