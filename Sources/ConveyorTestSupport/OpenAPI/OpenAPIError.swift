/// An API description that could not be loaded or that contradicts itself.
public struct OpenAPIError: Error, CustomStringConvertible {
    /// What went wrong; an open set of codes.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        /// The bytes are not JSON, or the top level is not an object.
        public static let notJSON = Code(name: "notJSON")
        /// Neither `openapi: 3.x` nor `swagger: "2.0"` is declared.
        public static let unsupportedVersion = Code(name: "unsupportedVersion")
        /// A `$ref` is not a local `#/…` pointer, points at nothing, or loops back to itself.
        public static let unresolvableReference = Code(name: "unresolvableReference")
        /// A section has the wrong shape (e.g. `paths` is not an object).
        public static let malformed = Code(name: "malformed")

        public var description: String { name }

        /// Lets `catch OpenAPIError.Code.unresolvableReference` style matching work on an error value.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? OpenAPIError)?.code == code
        }
    }

    /// What went wrong.
    public let code: Code
    /// Which document, e.g. the file name or `info.title`.
    public let document: String
    /// What was found and what to fix.
    public let detail: String

    public var description: String {
        "Loading the API description \(document) failed (\(code)): \(detail)"
    }
}
