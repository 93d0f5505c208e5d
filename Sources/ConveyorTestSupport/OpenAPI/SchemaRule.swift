/// The schema rule a body broke; an open set, matchable against a ``ContractViolation``.
public struct SchemaRule: Sendable, Hashable, CustomStringConvertible {
    private let name: String

    /// The body is not valid JSON.
    public static let invalidJSON = SchemaRule(name: "invalidJSON")
    /// A body was sent (or returned) where the description documents none.
    public static let unexpectedBody = SchemaRule(name: "unexpectedBody")
    /// No body was sent (or returned) where the description requires one.
    public static let missingBody = SchemaRule(name: "missingBody")
    /// The JSON type is wrong (including a fraction where `integer` is required).
    public static let typeMismatch = SchemaRule(name: "typeMismatch")
    /// `null` where the schema is not `nullable` / `x-nullable`.
    public static let notNullable = SchemaRule(name: "notNullable")
    /// A value outside the schema's `enum`.
    public static let enumMismatch = SchemaRule(name: "enumMismatch")
    /// A field listed in `required` is absent.
    public static let missingRequiredField = SchemaRule(name: "missingRequiredField")
    /// A field the schema does not declare, where `additionalProperties` does not allow extras.
    public static let unknownField = SchemaRule(name: "unknownField")
    /// None of the `anyOf` / `oneOf` alternatives accepts the value's type.
    public static let noAlternativeMatches = SchemaRule(name: "noAlternativeMatches")
    /// The schema cannot be followed (a `$ref` loop through `allOf` / `anyOf` at one location).
    public static let unusableSchema = SchemaRule(name: "unusableSchema")

    public var description: String { name }

    /// Lets `case .unknownField` patterns match a violation directly.
    public static func ~= (rule: SchemaRule, violation: ContractViolation) -> Bool {
        violation.rule == rule
    }
}
