import Foundation

/// Reads environment variables, treating an empty value as absent.
struct VariableReader {
    private let variables: [String: String]

    init(_ variables: [String: String]) {
        self.variables = variables
    }

    /// The value of `name`, or nil when it is absent or empty.
    subscript(name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }

    /// The value of `name` without surrounding whitespace and newlines, or nil when nothing is left.
    func trimmed(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// True when `name` is `true` (any case), the way runners set their marker variables.
    func flag(_ name: String) -> Bool {
        trimmed(name)?.lowercased() == "true"
    }

    /// The value of `name` as a file URL, or nil when it is absent or empty.
    func fileURL(_ name: String) -> URL? {
        self[name].map { URL(fileURLWithPath: $0) }
    }
}
