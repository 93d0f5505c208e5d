import Foundation

/// An ordered list of header fields with case-insensitive lookup by name.
///
/// Printing a value never shows credentials: the values of `Authorization`, `Proxy-Authorization`
/// and `Cookie` are replaced by `[redacted]` in ``description``.
public struct HTTPHeaders: Sendable, Equatable, ExpressibleByDictionaryLiteral, CustomStringConvertible,
    CustomReflectable
{
    /// One header line.
    public struct Field: Sendable, Hashable {
        /// The header name as written by whoever set it.
        public let name: String
        /// The header value, without surrounding whitespace.
        public let value: String
    }

    /// Every field, in the order they were added (or received).
    public private(set) var fields: [Field] = []

    /// Creates an empty header list.
    public init() {}

    /// Creates a header list from `name: value` pairs, in order.
    public init(dictionaryLiteral elements: (String, String)...) {
        for (name, value) in elements { add(name, value) }
    }

    /// The first value for `name` (case-insensitive); setting replaces every field of that name,
    /// and setting nil removes them.
    public subscript(name: String) -> String? {
        get { fields.first { Self.same($0.name, name) }?.value }
        set {
            fields.removeAll { Self.same($0.name, name) }
            if let newValue { add(name, newValue) }
        }
    }

    /// Every value for `name` (case-insensitive), in order.
    public func values(for name: String) -> [String] {
        fields.filter { Self.same($0.name, name) }.map(\.value)
    }

    /// Appends a field, keeping any existing field of the same name.
    public mutating func add(_ name: String, _ value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// These headers with every field of `other` laid over them: a name present in `other`
    /// replaces all fields of that name here.
    public func merging(_ other: HTTPHeaders) -> HTTPHeaders {
        var merged = self
        for name in Set(other.fields.map { $0.name.lowercased() }) { merged[name] = nil }
        merged.fields.append(contentsOf: other.fields)
        return merged
    }

    /// Header names whose values are credentials and never printed.
    static let sensitiveNames: Set<String> = ["authorization", "proxy-authorization", "cookie"]

    public var description: String {
        let lines = fields.map { field in
            Self.sensitiveNames.contains(field.name.lowercased())
                ? "\(field.name): [redacted]" : "\(field.name): \(field.value)"
        }
        return "[" + lines.joined(separator: ", ") + "]"
    }

    /// Shows the redacted ``description`` to `dump` and debuggers instead of the raw fields.
    public var customMirror: Mirror {
        Mirror(self, children: ["fields": description])
    }

    private static func same(_ lhs: String, _ rhs: String) -> Bool {
        lhs.caseInsensitiveCompare(rhs) == .orderedSame
    }
}
