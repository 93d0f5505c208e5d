import Foundation
import JSON

/// An OpenAPI 3.0 or Swagger 2.0 description held as JSON, with its `$ref`s checked and resolvable.
///
/// Loading walks the whole document and fails when any `$ref` is not a local `#/…` pointer, points at
/// nothing, or forms a loop of references, so later lookups can rely on every reference resolving.
public struct OpenAPIDocument: Sendable {
    /// Which generation of the format the document is written in.
    public enum Dialect: Sendable, Hashable {
        /// OpenAPI 3.x: `components`, `requestBody`, `content` by media type, `nullable`.
        case openAPI3
        /// Swagger 2.0: `definitions`, `in: body` parameters, `schema` on responses, `x-nullable`, `basePath`.
        case swagger2
    }

    /// The format generation.
    public let dialect: Dialect
    /// The whole document.
    public let root: JSONValue
    /// A name for messages: the file name given at load, else `info.title`.
    public let name: String
    /// The prefix every concrete path carries before the templates apply: Swagger's `basePath` (Gitea: `/api/v1`),
    /// or the path of the first OpenAPI 3 server URL; empty when there is none.
    public let basePath: String

    /// Parses and checks a description.
    ///
    /// - Parameters:
    ///   - data: the JSON text.
    ///   - name: what to call the document in messages; `info.title` when nil.
    /// - Throws: ``OpenAPIError``.
    public init(data: Data, name: String? = nil) throws {
        let label = name ?? "(unnamed)"
        guard let parsed = try? JSONValue(parsing: data), parsed.objectValue != nil else {
            throw OpenAPIError(code: .notJSON, document: label, detail: "the text is not a JSON object.")
        }
        root = parsed
        self.name = name ?? parsed["info"]?["title"]?.stringValue ?? label
        if parsed["openapi"]?.stringValue?.hasPrefix("3.") == true {
            dialect = .openAPI3
            let server = parsed["servers"]?.arrayValue?.first?["url"]?.stringValue ?? ""
            basePath = Self.trimmedBasePath(URL(string: server)?.path ?? "")
        } else if parsed["swagger"]?.stringValue == "2.0" {
            dialect = .swagger2
            basePath = Self.trimmedBasePath(parsed["basePath"]?.stringValue ?? "")
        } else {
            throw OpenAPIError(
                code: .unsupportedVersion, document: self.name,
                detail: "expected `openapi: 3.x` or `swagger: \"2.0\"` at the top level.")
        }
        try checkEveryReference(in: root)
    }

    /// Loads a description from the repository's test corpus, e.g. `openapi/gitea-subset.json`.
    public init(corpusFile relativePath: String) throws {
        try self.init(data: Corpus.data(relativePath), name: relativePath)
    }

    /// The value a local reference such as `#/components/schemas/issue` points at, following chains of
    /// references until a node that is not a bare `$ref`.
    public func resolveReference(_ reference: String) throws -> JSONValue {
        var visited: [String] = []
        var current = reference
        while true {
            guard !visited.contains(current) else {
                let loop = (visited + [current]).joined(separator: " → ")
                throw OpenAPIError(code: .unresolvableReference, document: name, detail: "`$ref` loop \(loop).")
            }
            visited.append(current)
            guard current.hasPrefix("#"), let target = root.value(atPointer: String(current.dropFirst())) else {
                throw OpenAPIError(
                    code: .unresolvableReference, document: name,
                    detail: "`$ref` \(current) is not a local pointer to an existing node.")
            }
            guard let next = target["$ref"]?.stringValue else { return target }
            current = next
        }
    }

    /// `node` itself, or what it points at when it is a `$ref` object.
    public func resolve(_ node: JSONValue) throws -> JSONValue {
        guard let reference = node["$ref"]?.stringValue else { return node }
        return try resolveReference(reference)
    }

    /// Throws when any `$ref` under `node` does not resolve.
    private func checkEveryReference(in node: JSONValue) throws {
        switch node {
        case .object(let members):
            if let reference = members["$ref"]?.stringValue { _ = try resolveReference(reference) }
            for child in members.values {
                try checkEveryReference(in: child)
            }
        case .array(let elements):
            for child in elements { try checkEveryReference(in: child) }
        default:
            break
        }
    }

    /// `/api/v1/` → `/api/v1`, `/` → empty.
    private static func trimmedBasePath(_ path: String) -> String {
        var trimmed = path
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed
    }
}
