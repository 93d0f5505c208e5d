import Actions
import ConveyorTestSupport
import Forge
import Foundation
import Testing

/// The file itself: readable JSON with an event log, identical bytes for identical runs, no temporary
/// files left behind, and clear errors for a missing, existing or damaged file that is never overwritten.
@Suite struct LocalForgeFileTests {
    @Test func theFileIsPrettyJSONWithSortedKeysAndAnEventLog() async throws {
        try await withLocalForge { forge in
            let issue = try await forge.openIssue(title: "Flag", author: "alice", labels: ["conveyor"])
            _ = try await forge.createComment(onIssue: issue.number, body: "On it.")

            let text = try forge.fileText()
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(object["format"] as? String == "conveyor-local-forge/1")
            let keys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[0] }
            #expect(keys == keys.sorted())
            let events = try #require(object["events"] as? [[String: String]])
            #expect(
                events.map { "\($0["action"] ?? "") \($0["detail"] ?? "")" } == [
                    "forge.created octo-org/hello, default branch main",
                    "permission.set alice is admin",
                    "issue.opened #1 \"Flag\" by alice",
                    "label.created \"conveyor\" (id 1) by alice",
                    "label.added \"conveyor\" to issue #1 by alice",
                    "comment.created #1 on issue #1 by conveyor[bot]",
                ])
            #expect(events.last?["at"] == "2025-01-01T00:00:03Z")
        }
    }

    @Test func theSameOperationsWriteTheSameBytes() async throws {
        let scratch = try TemporaryDirectory(prefix: "local-forge-determinism")
        defer { scratch.remove() }
        var outputs: [String] = []
        for name in ["first.json", "second.json"] {
            let clock = SteppingClock()
            let forge = try await LocalForge.create(
                at: scratch.appending(name), repository: .localTest, owner: "alice", clock: { clock.now() })
            let issue = try await forge.openIssue(title: "Flag", author: "alice")
            _ = try await forge.createComment(onIssue: issue.number, body: "On it.")
            outputs.append(try forge.fileText())
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0] == Self.expectedDocument)
    }

    @Test func noTemporaryFileIsLeftBehind() async throws {
        try await withLocalForge { forge in
            for number in 1...5 { _ = try await forge.openIssue(title: "Issue \(number)", author: "alice") }
            let names = try FileManager.default.contentsOfDirectory(atPath: forge.file.deletingLastPathComponent().path)
            #expect(names.sorted() == ["forge.json", "forge.json.lock"])
        }
    }

    @Test func aCallThatChangesNothingLeavesTheFileInPlace() async throws {
        try await withLocalForge { forge in
            let issue = try await forge.openIssue(title: "Flag", author: "alice", labels: ["bug"])
            let before = try Self.fileNumber(forge.file)

            try await forge.removeLabel("never-existed", fromIssue: issue.number)
            _ = try await forge.addLabels(["BUG"], toIssue: issue.number)
            #expect(try Self.fileNumber(forge.file) == before)

            _ = try await forge.addLabels(["state: intake"], toIssue: issue.number)
            #expect(try Self.fileNumber(forge.file) != before)
        }
    }

    @Test func aMissingFileIsNotFoundAndNamesTheRemedy() async throws {
        let scratch = try TemporaryDirectory(prefix: "local-forge-missing")
        defer { scratch.remove() }
        let forge = LocalForge(file: scratch.appending("none.json"), repository: try .localTest)
        let error = await failure { try await forge.issue(1) }
        #expect(error?.code == .notFound)
        #expect(error?.description.contains("There is no local forge file at \(forge.file.path)") == true)
        #expect(error?.remedy?.contains("LocalForge.create") == true)
    }

    @Test func creatingOverAnExistingFileIsRefused() async throws {
        try await withLocalForge { forge in
            _ = try await forge.openIssue(title: "Keep me", author: "alice")
            let before = try forge.fileText()
            let error = await failure {
                try await LocalForge.create(at: forge.file, repository: try .localTest, owner: "mallory")
            }
            #expect(error?.code == .rejected)
            #expect(try forge.fileText() == before)
        }
    }

    @Test(arguments: [
        ("{ not json", "it is not a JSON object"),
        (#"{"format": "conveyor-local-forge/2"}"#, #"its format is "conveyor-local-forge/2""#),
        (#"{"issues": []}"#, "its format is missing"),
    ])
    func aDamagedFileIsAClearErrorAndStaysUntouched(content: String, reason: String) async throws {
        try await withLocalForge { forge in
            try Data(content.utf8).write(to: forge.file)
            for error in [
                await failure { try await forge.issue(1) },
                await failure { try await forge.openIssue(title: "Flag", author: "alice") },
            ] {
                #expect(error?.code == .invalidResponse)
                #expect(error?.description.contains("The local forge file \(forge.file.path)") == true)
                #expect(error?.description.contains(reason) == true)
                #expect(error?.remedy?.contains("delete it") == true)
            }
            #expect(try forge.fileText() == content)
        }
    }

    @Test func aBadValueIsReportedWithItsPlace() async throws {
        try await withLocalForge { forge in
            _ = try await forge.openIssue(title: "Flag", author: "alice")
            let damaged = try forge.fileText().replacingOccurrences(
                of: #""state" : "open""#, with: #""state" : "opened""#)
            try Data(damaged.utf8).write(to: forge.file)

            let error = await failure { try await forge.createComment(onIssue: 1, body: "Hi") }
            #expect(error?.code == .invalidResponse)
            #expect(error?.detail?.contains("at issues[0].state:") == true)
            #expect(try forge.fileText() == damaged)
        }
    }

    /// The inode of `file`: a rewrite renames a new file over it, which changes the number.
    private static func fileNumber(_ file: URL) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? Int
    }

    /// The file after creating a forge, opening issue 1 and commenting on it, with the stepping clock.
    private static let expectedDocument = """
        {
          "branches" : {

          },
          "comments" : [
            {
              "author" : "conveyor[bot]",
              "body" : "On it.",
              "created_at" : "2025-01-01T00:00:03Z",
              "id" : 1,
              "issue" : 1,
              "updated_at" : "2025-01-01T00:00:03Z"
            }
          ],
          "counters" : {
            "last_comment_id" : 1,
            "last_label_id" : 0,
            "last_number" : 1,
            "last_status_id" : 0
          },
          "dispatches" : [

          ],
          "events" : [
            {
              "action" : "forge.created",
              "at" : "2025-01-01T00:00:01Z",
              "detail" : "octo-org/hello, default branch main"
            },
            {
              "action" : "permission.set",
              "at" : "2025-01-01T00:00:01Z",
              "detail" : "alice is admin"
            },
            {
              "action" : "issue.opened",
              "at" : "2025-01-01T00:00:02Z",
              "detail" : "#1 \\"Flag\\" by alice"
            },
            {
              "action" : "comment.created",
              "at" : "2025-01-01T00:00:03Z",
              "detail" : "#1 on issue #1 by conveyor[bot]"
            }
          ],
          "format" : "conveyor-local-forge/1",
          "issues" : [
            {
              "author" : "alice",
              "body" : "",
              "created_at" : "2025-01-01T00:00:02Z",
              "is_pull_request" : false,
              "labels" : [

              ],
              "number" : 1,
              "state" : "open",
              "title" : "Flag"
            }
          ],
          "labels" : [

          ],
          "permissions" : {
            "alice" : "admin"
          },
          "pull_requests" : [

          ],
          "repository" : {
            "default_branch" : "main",
            "name" : "hello",
            "owner" : "octo-org"
          },
          "statuses" : [

          ]
        }

        """
}
