import ConveyorTestSupport
import Foundation
import JSON
import Testing

/// Loading rejects documents whose references cannot be followed, and finds the corpus or says how to.
@Suite struct OpenAPILoadingTests {
    static func document(_ definitions: JSONValue) throws -> OpenAPIDocument {
        let root: JSONValue = ["swagger": "2.0", "basePath": "/api/v1/", "paths": [:], "definitions": definitions]
        return try OpenAPIDocument(data: root.jsonData(), name: "inline")
    }

    @Test func chainsOfReferencesAreFollowedToTheEnd() throws {
        let document = try Self.document([
            "A": ["$ref": "#/definitions/B"], "B": ["$ref": "#/definitions/C"], "C": ["type": "integer"],
            "a~b/c": ["type": "string"],
        ])
        #expect(try document.resolveReference("#/definitions/A") == ["type": "integer"])
        #expect(try document.resolveReference("#/definitions/a~0b~1c") == ["type": "string"])
        #expect(document.basePath == "/api/v1")
    }

    @Test func aLoopOfReferencesIsRejectedAtLoad() throws {
        let error = try #require(throws: OpenAPIError.self) {
            try Self.document(["A": ["$ref": "#/definitions/B"], "B": ["$ref": "#/definitions/A"]])
        }
        #expect(error.code == .unresolvableReference)
        #expect(error.description.contains("loop"))
    }

    @Test func aDanglingReferenceIsRejectedAtLoad() throws {
        let error = try #require(throws: OpenAPIError.self) {
            try Self.document(["A": ["properties": ["x": ["$ref": "#/definitions/Missing"]]]])
        }
        #expect(error.code == .unresolvableReference)
        #expect(error.description.contains("#/definitions/Missing"))
    }

    @Test func aDocumentWithoutAVersionOrNotAnObjectIsRejected() throws {
        let unversioned = try #require(throws: OpenAPIError.self) {
            try OpenAPIDocument(data: Data(#"{"paths": {}}"#.utf8))
        }
        #expect(unversioned.code == .unsupportedVersion)
        let array = try #require(throws: OpenAPIError.self) { try OpenAPIDocument(data: Data("[1]".utf8)) }
        #expect(array.code == .notJSON)
    }

    @Test func theCorpusIsFoundInsideTheRepositoryAndAMissingFileNamesThePath() throws {
        #expect(FileManager.default.fileExists(atPath: Corpus.url(OpenAPIContract.gitHubCorpusFile).path))
        let root = try #require(Corpus.packageRoot)
        #expect(Corpus.url("x").path == root.appendingPathComponent("Tests/Fixtures/corpus/x").path)
        #expect(Corpus.directory.path.hasPrefix(root.path + "/"))
        let error = try #require(throws: CorpusError.self) { try Corpus.data("openapi/no-such-file.json") }
        #expect(error.code == .notFound)
        #expect(error.description.contains("openapi/no-such-file.json"))
        #expect(error.description.contains("git checkout -- Tests/Fixtures/corpus"))
    }
}
