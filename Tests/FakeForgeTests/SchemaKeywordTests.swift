import ConveyorTestSupport
import Foundation
import JSON
import Testing

/// Each supported schema keyword, on small inline documents, accepting what it should and rejecting what it must.
@Suite struct SchemaKeywordTests {
    /// An OpenAPI 3 contract whose `components/schemas` are `schemas`.
    static func openAPI3(_ schemas: JSONValue) throws -> OpenAPIContract {
        let root: JSONValue = ["openapi": "3.0.3", "paths": [:], "components": ["schemas": schemas]]
        return try OpenAPIContract(document: OpenAPIDocument(data: root.jsonData(), name: "inline"))
    }

    /// A Swagger 2 contract whose `definitions` are `definitions`.
    static func swagger2(_ definitions: JSONValue) throws -> OpenAPIContract {
        let root: JSONValue = ["swagger": "2.0", "paths": [:], "definitions": definitions]
        return try OpenAPIContract(document: OpenAPIDocument(data: root.jsonData(), name: "inline"))
    }

    static let user: JSONValue = [
        "type": "object", "required": ["login"],
        "properties": ["login": ["type": "string"], "id": ["type": "integer"]],
    ]

    @Test func integersAndNumbers() throws {
        let contract = try Self.openAPI3(["N": ["type": "number"], "I": ["type": "integer"]])
        #expect(contract.validate(3, againstSchema: "#/components/schemas/N").isEmpty)
        #expect(contract.validate(3.5, againstSchema: "#/components/schemas/N").isEmpty)
        #expect(contract.validate(.number(4.0), againstSchema: "#/components/schemas/I").isEmpty)
        #expect(
            contract.validate(4.5, againstSchema: "#/components/schemas/I").summaries == ["responseBody/typeMismatch $"]
        )
        #expect(
            contract.validate(true, againstSchema: "#/components/schemas/N").summaries == [
                "responseBody/typeMismatch $"
            ])
        #expect(try JSONValue(parsing: Data("[1, 1.5, true, null]".utf8)) == [1, 1.5, true, .null])
    }

    @Test func nullableAllOfMergesFieldsAndAllowsNull() throws {
        let contract = try Self.openAPI3([
            "user": Self.user,
            "owned": [
                "type": "object",
                "properties": [
                    "owner": ["nullable": true, "allOf": [["$ref": "#/components/schemas/user"]]],
                    "creator": [
                        "allOf": [["$ref": "#/components/schemas/user"], ["properties": ["bot": ["type": "boolean"]]]]
                    ],
                ],
            ],
        ])
        let good: JSONValue = ["owner": .null, "creator": ["login": "a", "bot": true]]
        #expect(contract.validate(good, againstSchema: "#/components/schemas/owned").isEmpty)
        let bad: JSONValue = ["owner": ["id": 1], "creator": .null]
        #expect(
            contract.validate(bad, againstSchema: "#/components/schemas/owned").summaries == [
                "responseBody/notNullable $.creator", "responseBody/missingRequiredField $.owner.login",
            ])
    }

    @Test func anyOfWithANullableBranchPointsAtTheRealBranchsProblem() throws {
        let contract = try Self.openAPI3([
            "user": Self.user,
            "maybeUser": ["anyOf": [["type": "string", "nullable": true], ["$ref": "#/components/schemas/user"]]],
        ])
        let schema = "#/components/schemas/maybeUser"
        #expect(contract.validate(.null, againstSchema: schema).isEmpty)
        #expect(contract.validate("octocat", againstSchema: schema).isEmpty)
        #expect(contract.validate(["login": "a"], againstSchema: schema).isEmpty)
        #expect(
            contract.validate(["login": "a", "x": 1], againstSchema: schema).summaries == [
                "responseBody/unknownField $.x"
            ])
        let none = contract.validate(5, againstSchema: schema)
        #expect(none.summaries == ["responseBody/noAlternativeMatches $"])
        #expect(none.first?.message == "integer matches none of the 2 alternatives (types: object, string)")
    }

    @Test func additionalPropertiesTrueSchemaAndFalse() throws {
        let contract = try Self.openAPI3([
            "open": ["type": "object", "properties": ["a": ["type": "string"]], "additionalProperties": true],
            "map": ["type": "object", "additionalProperties": ["type": "string"]],
            "closed": ["properties": ["a": ["type": "string"]], "additionalProperties": false],
            "strict": ["type": "object"],
            "anything": [:],
        ])
        let value: JSONValue = ["a": "x", "b": 2]
        #expect(contract.validate(value, againstSchema: "#/components/schemas/open").isEmpty)
        #expect(
            contract.validate(value, againstSchema: "#/components/schemas/map").summaries == [
                "responseBody/typeMismatch $.b"
            ])
        #expect(
            contract.validate(value, againstSchema: "#/components/schemas/closed").summaries == [
                "responseBody/unknownField $.b"
            ])
        #expect(
            contract.validate(value, againstSchema: "#/components/schemas/strict").summaries == [
                "responseBody/unknownField $.a", "responseBody/unknownField $.b",
            ])
        #expect(contract.validate(value, againstSchema: "#/components/schemas/anything").isEmpty)
        let odd = contract.validate(["a": "x", "repo.code": "read"], againstSchema: "#/components/schemas/closed")
        #expect(odd.summaries == ["responseBody/unknownField $[\"repo.code\"]"])
    }

    @Test func itemsAndEnumsAreCheckedPerElement() throws {
        let contract = try Self.openAPI3([
            "states": ["type": "array", "items": ["type": "string", "enum": ["open", "closed"]]]
        ])
        let violations = contract.validate(["open", "merged", 3], againstSchema: "#/components/schemas/states")
        #expect(violations.summaries == ["responseBody/enumMismatch $[1]", "responseBody/typeMismatch $[2]"])
    }

    @Test func recursiveSchemasTerminateAndSelfLoopsAreReported() throws {
        let contract = try Self.openAPI3([
            "node": [
                "type": "object",
                "properties": ["children": ["type": "array", "items": ["$ref": "#/components/schemas/node"]]],
            ],
            "loop": ["allOf": [["$ref": "#/components/schemas/loop"]]],
        ])
        let tree: JSONValue = ["children": [["children": []], ["children": [["children": [], "x": 1]]]]]
        #expect(
            contract.validate(tree, againstSchema: "#/components/schemas/node").summaries == [
                "responseBody/unknownField $.children[1].children[0].x"
            ])
        #expect(
            contract.validate(1, againstSchema: "#/components/schemas/loop").summaries == [
                "responseBody/unusableSchema $"
            ])
    }

    @Test func swaggerXNullableAndGoPointerNulls() throws {
        let contract = try Self.swagger2([
            "User": Self.user,
            "Issue": [
                "type": "object", "required": ["assignee"],
                "properties": [
                    "title": ["type": "string"], "note": ["type": "string", "x-nullable": true],
                    "user": ["$ref": "#/definitions/User"], "assignee": ["$ref": "#/definitions/User"],
                    "closed_at": ["type": "string", "format": "date-time"],
                    "labels": ["type": "array", "items": ["type": "string"]],
                ],
            ],
        ])
        let nulls: JSONValue = [
            "note": .null, "user": .null, "closed_at": .null, "labels": .null, "assignee": ["login": "a"],
        ]
        #expect(contract.validate(nulls, againstSchema: "#/definitions/Issue").isEmpty)
        let wrong: JSONValue = ["title": .null, "assignee": .null]
        #expect(
            contract.validate(wrong, againstSchema: "#/definitions/Issue").summaries == [
                "responseBody/notNullable $.assignee", "responseBody/notNullable $.title",
            ])
    }

    @Test func aRequiredRequestBodyMustBeSent() throws {
        let root: JSONValue = [
            "openapi": "3.0.3",
            "paths": [
                "/things": [
                    "post": [
                        "requestBody": [
                            "required": true,
                            "content": [
                                "application/json": [
                                    "schema": ["type": "object", "properties": ["a": ["type": "string"]]]
                                ]
                            ],
                        ],
                        "responses": ["201": ["description": "Created"]],
                    ]
                ]
            ],
        ]
        let contract = try OpenAPIContract(document: OpenAPIDocument(data: root.jsonData()))
        let missing = contract.check(
            method: "POST", pathTemplate: "/things", requestBody: nil, status: 201, responseBody: Data())
        #expect(missing.summaries == ["requestBody/missingBody $"])
        let sent = contract.check(
            method: "POST", pathTemplate: "/things", requestBody: Data(#"{"a": "x"}"#.utf8), status: 201,
            responseBody: Data())
        #expect(sent.isEmpty)
    }
}
