import Foundation
import Pipeline
import Testing
import Triggers

@Suite struct CommentCommandTests {
    /// Resolves the corpus issue comment with `body`; `onPullRequest` uses the constructed PR comment.
    private func comment(_ body: String?, onPullRequest: Bool = false) throws -> TriggerDecision {
        let file =
            onPullRequest
            ? "github-events/constructed.issue_comment.created.on-pull-request.json"
            : "github-events/issue_comment.created.json"
        let payload = try Fixtures.payload(file) {
            $0.set(["comment", "body"], to: body.map { $0 as Any } ?? NSNull())
        }
        return try Fixtures.resolve("issue_comment", payload)
    }

    @Test func eachCommandResolves() throws {
        #expect(try comment("/approve").run?.operation == .approve)
        #expect(try comment("/abort").run?.operation == .abort)
        #expect(try comment("/rethink prd").run?.operation == .rethink(to: .prd))
        #expect(try comment("/choose 2").run?.operation == .choose(2))
        let revise = try #require(try comment("/revise shorten the brief").run)
        #expect(revise.operation == .revise("shorten the brief"))
        #expect(revise.mode == .revise)
        #expect(revise.source == .command("/revise"))
        #expect(revise.workItem == WorkItemRef(number: 1, kind: .issue))
    }

    @Test func approveWorksOnPullRequests() throws {
        let run = try #require(try comment("  /approve looks good", onPullRequest: true).run)
        #expect(run.operation == .approve)
        #expect(run.workItem == WorkItemRef(number: 1, kind: .pullRequest))
    }

    @Test func onlyTheFirstTokenIsACommand() throws {
        for body in ["please /approve", "LGTM\n/approve", "@claude /abort now"] {
            let skip = try #require(try comment(body).skip, "\(body)")
            #expect(skip.code == .notACommand)
            #expect(skip.reason.contains("first word"))
        }
        #expect(try comment(nil).skip?.code == .notACommand)
        #expect(try comment("/deploy prod").skip?.code == .unknownCommand)
        for body in ["> /approve\nquoted", "```\n/approve\n```"] {
            #expect(try comment(body).skip?.code == .notACommand, "\(body)")
        }
    }

    @Test func answerTakesTheRestOfTheComment() throws {
        let run = try #require(try comment("/answer A4 and Letter\nboth matter").run)
        #expect(run.operation == .answer("A4 and Letter\nboth matter"))
        #expect(run.mode == .revise)
        #expect(try comment("/answer").skip?.code == .invalidCommand)
    }

    @Test func rethinkValidatesTheStage() throws {
        let skip = try #require(try comment("/rethink nope").skip)
        #expect(skip.code == .invalidCommand)
        #expect(skip.reason.contains("`nope` is not a stage"))
        #expect(skip.reason.contains(StageName.allNamesList))
        #expect(try comment("/rethink").skip?.code == .invalidCommand)
    }

    @Test func chooseNeedsAPositiveNumber() throws {
        for body in ["/choose 0", "/choose -1", "/choose two", "/choose"] {
            #expect(try comment(body).skip?.code == .invalidCommand, "\(body)")
        }
    }

    @Test func reviseTakesTheRestOfAMultiLineBody() throws {
        let body = "/revise Please:\n- split the brief\n- add personas\n\nThanks"
        let run = try #require(try comment(body).run)
        #expect(run.operation == .revise("Please:\n- split the brief\n- add personas\n\nThanks"))
        #expect(try comment("/revise   \n ").skip?.code == .invalidCommand)
    }

    @Test func editedCommentsAreNotCommands() throws {
        let payload = try Fixtures.payload("github-events/issue_comment.edited.json") {
            $0.set(["comment", "body"], to: "/approve")
        }
        let skip = try #require(try Fixtures.resolve("issue_comment", payload).skip)
        #expect(skip.code == .actionNotHandled)
        #expect(skip.reason.contains("`edited`"))
    }

    @Test func giteaPullRequestCommentUsesIsPull() throws {
        let payload = try Fixtures.payload("gitea-events/zulip-gitea.issue_comment__in_pr.json") {
            $0.set(["comment", "body"], to: "/choose 3")
            $0.set(["issue", "pull_request"], to: NSNull())
        }
        let run = try #require(try Fixtures.resolve("issue_comment", payload, forge: .gitea).run)
        #expect(run.operation == .choose(3))
        #expect(run.workItem == WorkItemRef(number: 1, kind: .pullRequest))
        #expect(run.actor?.login == "kostekIV")
    }
}
