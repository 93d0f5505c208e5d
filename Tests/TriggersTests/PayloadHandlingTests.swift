import Foundation
import Pipeline
import Testing
import Triggers

@Suite struct PayloadHandlingTests {
    @Test func malformedJSONNamesTheEventPath() {
        for text in ["{\"action\": ", "[1, 2]", ""] {
            do {
                _ = try Fixtures.resolve("issues", Data(text.utf8))
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.code == .malformedPayload)
                #expect(error.message.contains("GITHUB_EVENT_PATH"))
            }
        }
    }

    @Test func unhandledEventIsSkippedWithoutReadingThePayload() throws {
        let skip = try #require(try Fixtures.resolve("push", Data("not json".utf8)).skip)
        #expect(skip.code == .eventNotHandled)
        #expect(skip.reason.contains("Event `push` is not handled"))
    }

    @Test func conveyorsOwnEventsAreSkipped() throws {
        let payload = try Fixtures.payload("github-events/issues.labeled.json") {
            $0.set(["label", "name"], to: "run:intake")
        }
        let skip = try #require(try Fixtures.resolve("issues", payload, selfLogin: "codertocat").skip)
        #expect(skip.code == .selfEvent)
    }

    @Test func giteaSenderWithoutLoginUsesUsername() throws {
        let payload = try Fixtures.payload("gitea-events/constructed.issues.label_updated.json") {
            $0.set(["sender", "login"], to: "")
            $0.set(["changes", "added_labels"], to: [Fixtures.label("run:plan")])
        }
        let run = try #require(try Fixtures.resolve("issues", payload, forge: .gitea).run)
        #expect(run.actor == Actor(login: "a_nice_user", type: .unspecified))
    }

    @Test func botSenderTypeIsReported() throws {
        let payload = try Fixtures.payload("github-events/issues.labeled.json") {
            $0.set(["label", "name"], to: "run:intake")
            $0.set(["sender", "type"], to: "Bot")
        }
        #expect(try Fixtures.resolve("issues", payload).run?.actor?.type == .bot)
    }

    @Test func summaryHasTheDocumentedKeys() throws {
        let payload = try Fixtures.payload("github-events/issue_comment.created.json") {
            $0.set(["comment", "body"], to: "/rethink arch")
        }
        let run = try Fixtures.resolve("issue_comment", payload)
        let object = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(run.summary)) as? [String: Any])
        #expect(object["action"] as? String == "run")
        #expect(object["stage"] as? String == "rethink")
        #expect(object["rethink_to"] as? String == "arch")
        #expect(object["mode"] as? String == "run")
        #expect((object["work_item"] as? [String: Any])?["kind"] as? String == "issue")
        #expect((object["actor"] as? [String: Any])?["login"] as? String == "Codertocat")
        #expect(object["reason"] == nil)

        let skip = try Fixtures.resolve(
            "issue_comment", try Fixtures.payload("github-events/issue_comment.created.json"))
        let skipObject = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(skip.summary)) as? [String: Any])
        #expect(skipObject["action"] as? String == "skip")
        #expect(skipObject["skip_code"] as? String == "not_a_command")
        #expect((skipObject["reason"] as? String)?.isEmpty == false)
        #expect(skipObject["stage"] == nil)
    }
}
