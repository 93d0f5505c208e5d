/// A YAML value kept as data: what frontmatter keys outside the common set hold, and what verdict fields are read
/// from.
///
/// Unlike Yams' `Node` it is `Sendable`, and mappings keep their key order.
public indirect enum YAMLValue: Sendable, Hashable {
    /// `null`, `~` or an empty value.
    case null
    /// `true` / `false` (and the YAML 1.1 spellings Yams resolves, such as `yes`).
    case bool(Bool)
    /// An integer.
    case int(Int)
    /// A floating-point number.
    case double(Double)
    /// Any other scalar, including quoted numbers and timestamps, as written.
    case string(String)
    /// A list.
    case sequence([YAMLValue])
    /// A mapping, in file order; keys are the keys' scalar text.
    case mapping([Entry])

    /// One key and its value in a ``YAMLValue/mapping(_:)``.
    public struct Entry: Sendable, Hashable {
        /// The key.
        public var key: String
        /// The value.
        public var value: YAMLValue

        /// Creates an entry.
        public init(key: String, value: YAMLValue) {
            self.key = key
            self.value = value
        }
    }

    /// The value of `key` when this is a mapping that has it.
    public subscript(key: String) -> YAMLValue? {
        guard case .mapping(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// The scalar's text (`true`, `12`, `pass`), or nil for null, lists and mappings.
    public var scalarText: String? {
        switch self {
        case .bool(let value): String(value)
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .string(let value): value
        case .null, .sequence, .mapping: nil
        }
    }

    /// True for ``null``.
    public var isNull: Bool { self == .null }

    /// A short name of the value's shape for messages, e.g. `a list`.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int: "an integer"
        case .double: "a number"
        case .string: "a string"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}
